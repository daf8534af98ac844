// What the 5-minute sweep reads of the Alerts table once the table holds a day of alerts (its look-back):
// the alerts still unfinished, not every alert of the day. docs/capacity.md ("Every read, as the tables
// fill") scales this table up to 8,000 symbols.

import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Alert, getAlert, putAlertIfNew } from "#alerts";
import { dynamo } from "#aws";
import { DEFAULT_RECOVERY_TIMING, linked } from "#config";
import { handler } from "#handlers/threshold-checker";
import { lambdaContext } from "#test/aws";
import { queuedAlert } from "#test/fixtures";
import { NOTHING_HEALED } from "#test/sweep-results";
import { watchTableAnswers } from "#test/table-calls";
import { sweepStranded } from "./sweep";

const timing = DEFAULT_RECOVERY_TIMING;
const NOW = new Date("2026-06-01T12:00:00.000Z");
const minutes = (from: Date, by: number) => new Date(from.getTime() + by * 60_000);
/** A time `fraction` of the way through the sweep's look-back, before its grace. */
const inLookBack = (fraction: number) =>
  new Date(
    NOW.getTime() -
      timing.lookbackSeconds * 1000 +
      fraction * (timing.lookbackSeconds - timing.graceSeconds - 60) * 1000,
  ).toISOString();

/**
 * A day of finished alerts, as the system leaves them: 2,000 over the 24 hours, docs/capacity.md's 702,720 a
 * day at 1-minute bars scaled by 1/351. Detection alerts published and caught up by an earlier sweep,
 * threshold alerts published, CRITICAL ones rejected or expired.
 */
const DAY = 2000;
function finishedAlert(i: number): Alert {
  const createdAt = inLookBack(i / DAY);
  const publishedAt = new Date(Date.parse(createdAt) + 3000).toISOString();
  if (i % 20 === 0) return queuedAlert({ createdAt, severity: "CRITICAL", status: "REJECTED" });
  if (i % 20 === 1) return queuedAlert({ createdAt, severity: "CRITICAL", status: "EXPIRED" });
  if (i % 10 === 2)
    return queuedAlert({
      createdAt,
      publishedAt,
      source: "threshold",
      status: "PUBLISHED",
      pattern: undefined,
      patternId: undefined,
      confidence: undefined,
    });
  const caughtUpAt = new Date(Date.parse(createdAt) + (timing.graceSeconds + 300) * 1000).toISOString();
  return queuedAlert({ createdAt, publishedAt, caughtUpAt, status: "PUBLISHED" });
}
/** Alerts left QUEUED an hour ago (their AlertQueue message lost): what the sweep is for. */
const STRANDED = 3;
/** Detection alerts published an hour ago whose catch-up the sweep has still to make sure of. */
const uncaught = Array.from({ length: 2 }, () =>
  queuedAlert({
    createdAt: minutes(NOW, -60).toISOString(),
    publishedAt: minutes(NOW, -59).toISOString(),
    status: "PUBLISHED",
  }),
);

/** The items each kind of read of the Alerts table touched, and the read units it was billed. */
const reads = { queried: 0, got: 0, units: 0 };
watchTableAnswers(["Alerts"], (command, _table, _input, answer) => {
  if (/^(Query|Scan)Command$/.test(command)) reads.queried += answer.scanned;
  if (/^(BatchGet|Get)(Item)?Command$/.test(command)) reads.got += answer.items;
  reads.units += answer.units;
});

beforeAll(async () => {
  const alerts = [
    ...Array.from({ length: DAY }, (_, i) => finishedAlert(i)),
    ...Array.from({ length: STRANDED }, () => queuedAlert({ createdAt: minutes(NOW, -60).toISOString() })),
    ...uncaught,
  ];
  for (let i = 0; i < alerts.length; i += 50)
    await Promise.all(alerts.slice(i, i + 50).map((alert) => putAlertIfNew(alert)));
}, 120_000);

beforeEach(() => {
  Object.assign(reads, { queried: 0, got: 0, units: 0 });
});

describe("the sweep on a day of alerts", () => {
  it("re-drives the stranded ones and reads only those, not the day's finished alerts", async () => {
    // The sweep before: it has seen every alert of the day finish, and made sure of the two catch-ups.
    expect(await sweepStranded(NOW, timing)).toMatchObject({ redriven: STRANDED, failed: 0 });
    for (const alert of uncaught)
      expect(await getAlert(alert.alertId)).toMatchObject({ caughtUpAt: NOW.toISOString() });

    Object.assign(reads, { queried: 0, got: 0, units: 0 });
    // Five minutes on: the stranded ones were re-driven within the grace, so nothing is done again.
    const next = await sweepStranded(minutes(NOW, 5), timing);
    expect(next).toEqual(NOTHING_HEALED);
    // Every alert the sweep read is one still unfinished: the day's 2,000 finished ones are not read again.
    expect(reads.queried, `units ${reads.units}`).toBeLessThanOrEqual(STRANDED);
    expect(reads.got).toBeLessThanOrEqual(STRANDED);
  });

  it("leaves the day's finished alerts as they were", async () => {
    const alert = finishedAlert(DAY - 3);
    await putAlertIfNew(alert);
    await sweepStranded(minutes(NOW, 10), timing);
    expect(await getAlert(alert.alertId)).toEqual(alert);
  });
});

describe("alerts stored before the unfinished index", () => {
  /** A QUEUED alert as releases before the index stored it: in the feed only, its message lost. */
  async function storedBefore(createdAt: Date): Promise<Alert> {
    const alert = queuedAlert({ createdAt: createdAt.toISOString() });
    await dynamo().send(
      new PutCommand({ TableName: linked("Alerts", "name"), Item: { ...alert, feed: "alerts" } }),
    );
    return alert;
  }

  it("are not read by the schedule's sweep, and are re-driven by the operator's run after the upgrade", async () => {
    // At the wall clock, a day away from the alerts above: the operator's run sweeps at the wall clock.
    const alert = await storedBefore(minutes(new Date(), -30));
    expect(await sweepStranded(new Date(), timing)).toMatchObject({ redriven: 0 });
    expect(reads.got).toBe(0);
    expect((await getAlert(alert.alertId))?.redrivenAt).toBeUndefined();

    // The operator's invocation (docs/deploy.md).
    const run = await handler({ unindexedAlerts: true }, lambdaContext("ThresholdChecker"));
    expect(run.sweep).toMatchObject({ redriven: 1, failed: 0 });
    expect((await getAlert(alert.alertId))?.redrivenAt).toEqual(expect.any(String));
  });

  it("are re-driven by a local system starting on a data directory an older version wrote", async () => {
    const alert = await storedBefore(new Date(Date.now() - 40 * 86_400_000));
    const runStartedAt = new Date().toISOString();
    // The alerts above are re-driven again too: nothing of an earlier run is running.
    const swept = await sweepStranded(new Date(), timing, { runStartedAt });
    expect(swept.redriven).toBeGreaterThanOrEqual(1);
    expect((await getAlert(alert.alertId))?.redrivenAt).toEqual(expect.any(String));
  });
});
