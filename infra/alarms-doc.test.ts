// docs/deploy.md says, for every alarm the app declares, what to check first when it fires: one row per
// alarm name (after the stage's `stock-patterns-<stage>--` prefix), none for an alarm that is gone.
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { ofType, type SynthGraph } from "../scripts/synth/graph";

const production: SynthGraph = inject("production");
const deployDoc = readFileSync(new URL("../docs/deploy.md", import.meta.url), "utf8");

/** The rows of the "When an alarm fires" table: `{ "Api-error-rate": "what to check first" }`. */
function checkFirst(): Record<string, string> {
  const start = deployDoc.indexOf("### When an alarm fires");
  const section = deployDoc.slice(start, deployDoc.indexOf("\n### ", start + 1));
  const rows = [...section.matchAll(/^\| `([\w-]+)` \| (.*) \| (.*) \|$/gm)];
  return Object.fromEntries(rows.map(([, alarm = "", , first = ""]) => [alarm, first.trim()]));
}

describe("docs/deploy.md's alarms", () => {
  const declared = ofType(production, "aws:cloudwatch/metricAlarm:MetricAlarm").map((alarm) =>
    String(alarm.inputs.name).replace(/^stock-patterns-production--/, ""),
  );

  it.each(declared)("says what to check first when %s fires", (alarm) => {
    expect(checkFirst()[alarm], alarm).toMatch(/\w{3}/);
  });

  it("lists no alarm the app does not declare", () => {
    expect(Object.keys(checkFirst()).sort()).toEqual([...declared].sort());
  });
});
