// Follows the location hash so pages change with links, the back button and typed addresses.
import { useEffect, useState } from "react";
import { parseRoute, type Route, routeHash } from "./routes";

/** The current route, re-read on every hashchange. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);
  return route;
}

/** Shows another page (adds a history entry). */
export function navigate(route: Route): void {
  window.location.hash = routeHash(route);
}
