// The route a path no route serves was most likely meant for: `/alert` for `/alerts`, `/approval/{token}`
// for `/approvals/{token}`, so a 404 says where to go rather than only where not.

import { nearMiss } from "@stock-patterns/core";

const segments = (path: string) => path.split("/").filter((part) => part !== "");
const isParameter = (segment: string) => /^\{\w+\}$/.test(segment);

/**
 * The route path (as core's route list writes it) that `path` is a near miss of: as many segments, each
 * literal one the same or a near miss of it (core's nearMiss), a parameter taking any; undefined when
 * none is, or when the path only misses by a parameter's value.
 *
 * @example
 * routeMeant("/alert", ["/alerts", "/alerts/{alertId}"]) // "/alerts"
 * routeMeant("/alerts/abc/", ["/alerts", "/alerts/{alertId}"]) // "/alerts/{alertId}"
 */
export function routeMeant(path: string, routes: readonly string[]): string | undefined {
  const given = segments(path);
  return routes.find((route) => {
    const wanted = segments(route);
    if (wanted.length !== given.length || route === path) return false;
    return wanted.every((segment, i) => {
      const sent = given[i] ?? "";
      return isParameter(segment) || sent === segment || nearMiss(sent, [segment]) === segment;
    });
  });
}
