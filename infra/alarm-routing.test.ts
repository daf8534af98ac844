// Alarms into alerts, stage by stage: a stage's alarm-state rule and its data key's CloudWatch grant take
// all of that stage's alarms and none of another stage's, even one whose name starts with this one's
// (alice and alice-2, both deployable: see stage-name.ts).
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ofType, resource, type SynthGraph } from "../scripts/synth/graph";
import { arnLike, eventFieldMatches } from "../scripts/synth/matching";
import { synthesize } from "../scripts/synth/synthesize";
import { stageNameProblem } from "./stage-name";

const alice: SynthGraph = inject("dev");
const production: SynthGraph = inject("production");
let alice2: SynthGraph;

beforeAll(async () => {
  const root = fileURLToPath(new URL("..", import.meta.url));
  alice2 = (await synthesize({ stage: "alice-2", dev: true, root })).graph;
}, 120_000);

const alarmNames = (graph: SynthGraph) =>
  ofType(graph, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => String(a.inputs.name));

/** Whether the stage's alarm-state rule turns an alarm of this name into an alert. */
function ruleTakes(graph: SynthGraph, alarm: string): boolean {
  const rule = resource(graph, "aws:cloudwatch/eventRule:EventRule", "AlarmStateChangeRule");
  const pattern = JSON.parse(String(rule.inputs.eventPattern)) as { detail: { alarmName: unknown[] } };
  return eventFieldMatches(pattern.detail.alarmName, alarm);
}

/** Whether the stage's data key lets a service use it on behalf of this source (an alarm, a rule). */
function keyServesFor(graph: SynthGraph, service: string, source: string): boolean {
  const policy = JSON.parse(String(resource(graph, "aws:kms/key:Key", "DataKey").inputs.policy)) as {
    Statement: { Principal: { Service?: string }; Condition?: { ArnLike: Record<string, string> } }[];
  };
  const grant = policy.Statement.find((s) => s.Principal.Service === service);
  return arnLike(String(grant?.Condition?.ArnLike["aws:SourceArn"]), source);
}

const keyServes = (graph: SynthGraph, alarm: string) =>
  keyServesFor(graph, "cloudwatch.amazonaws.com", `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${alarm}`);

/** Whether the stage's data key lets EventBridge use it on behalf of the rule of this name. */
const keyServesRule = (graph: SynthGraph, rule: string) =>
  keyServesFor(graph, "events.amazonaws.com", `arn:aws:events:us-east-1:123456789012:rule/${rule}`);

/** The rules whose targets are the stage's (encrypted) queues. */
const queueRules = (graph: SynthGraph) => {
  const targets = ofType(graph, "aws:cloudwatch/eventTarget:EventTarget").filter((t) =>
    String(t.inputs.arn).startsWith("arn:aws:sqs:"),
  );
  return targets.map((t) => String(t.inputs.rule));
};

const ruleNames = (graph: SynthGraph) =>
  ofType(graph, "aws:cloudwatch/eventRule:EventRule").map((r) => String(r.inputs.name));

describe("alarms of one stage, not of another", () => {
  it("synthesizes two deployable stages, one name starting with the other's", () => {
    expect([alice.app.stage, alice2.app.stage]).toEqual(["alice", "alice-2"]);
    expect(stageNameProblem("alice-2")).toBeUndefined();
    expect(alarmNames(alice2).length).toBeGreaterThanOrEqual(12);
  });

  it.each([
    ["production", production],
    ["alice", alice],
  ])("%s's rule and key take every one of its own alarms", (_, graph) => {
    const own = alarmNames(graph);
    expect(own.length).toBeGreaterThanOrEqual(12);
    for (const name of own) {
      expect(ruleTakes(graph, name), name).toBe(true);
      expect(keyServes(graph, name), name).toBe(true);
    }
  });

  it("alice's rule and key take none of alice-2's alarms, and alice-2's none of alice's", () => {
    for (const name of alarmNames(alice2)) {
      expect(ruleTakes(alice, name), name).toBe(false);
      expect(keyServes(alice, name), name).toBe(false);
    }
    for (const name of alarmNames(alice)) {
      expect(ruleTakes(alice2, name), name).toBe(false);
      expect(keyServes(alice2, name), name).toBe(false);
    }
  });
});

describe("EventBridge rules of one stage, not of another", () => {
  it("lets only the stage's rules that deliver into its queues use its key", () => {
    for (const graph of [production, alice]) {
      expect(queueRules(graph).length).toBeGreaterThan(0);
      for (const rule of queueRules(graph)) expect(keyServesRule(graph, rule), rule).toBe(true);
    }
    expect(ruleNames(alice2).length).toBeGreaterThan(0);
    for (const rule of ruleNames(alice2)) expect(keyServesRule(alice, rule), rule).toBe(false);
    for (const rule of ruleNames(alice)) expect(keyServesRule(alice2, rule), rule).toBe(false);
  });
});
