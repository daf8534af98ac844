// Chaos: the functions' runtime is SIGKILLed at seeded random moments while bars for several symbols are
// processed, then inside an approver's decision. After the restarts, the stored detections equal the batch
// scan's (the CLI's), none twice; within the sweep bound every alert is PUBLISHED or final, every approval
// decided or expired, and the decided one's alert out on TradingAlerts.

import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decideSeverity, parseBarsCsv, scanBars } from "@stock-patterns/core";
import { wholeNumber, wholeNumbers } from "@stock-patterns/functions/test/seeds";
import { afterAll, describe, expect, it } from "vitest";
import type { PollerReport } from "../pollers/poller";
import { type PollerTiming, QUICK_POLLING } from "../runtime/config";
import type { Notification } from "../watch/notifications";
import { DEFAULT_REPLAY_FILE } from "./paths";
import { type LocalSystem, startSystem } from "./start-system";

/** The seeds and each seed's kills; CHAOS_SEEDS and CHAOS_KILLS search further (docs/reliability.md). */
const SEEDS = wholeNumbers("CHAOS_SEEDS", [14, 1337, 20261130]);
const KILLS_PER_SEED = wholeNumber("CHAOS_KILLS", 2, { min: 1, max: 8 });
/** Slices of the sample series that hold CRITICAL detections (so approvals are made and crashed too). */
const SYMBOLS = { CHA: 0, CHB: 1000, CHC: 2600 } as const;
/** Put after the seeded kills (CHA's bars, its own symbol): its first approval is decided, and killed at. */
const DECIDED = { symbol: "CHD", start: SYMBOLS.CHA } as const;
const BARS = 300;

/** Short recovery timings, so the sweep bound is seconds, not the deployed 10 minutes. */
const TIMING: PollerTiming = {
  ...QUICK_POLLING,
  schedulePeriodMs: 2000,
  sweepGraceSeconds: 2,
  claimLeaseSeconds: 2,
  approvalTtlSeconds: 6,
};
/**
 * After the stream is processed: an approval's hour (here 6 s) plus the grace and a routing claim's lease;
 * two schedule periods; and room for the restarted runtime's slow first calls on a busy 2-core machine.
 * Not the lease of an expiry's claim (60 s, not shortened): a claim the killed runtime held is taken over
 * by the restarted runtime's sweep at start, which knows no holder of it is left (docs/reliability.md).
 */
const SWEEP_BOUND_MS = (6 + 2 + 2) * 1000 + 2 * 2000 + 30_000;

const FINAL = new Set(["PUBLISHED", "APPROVED", "REJECTED", "EXPIRED"]);
const CLOSED = new Set(["APPROVED", "REJECTED", "EXPIRED", "SUPERSEDED"]);

const spx = parseBarsCsv(readFileSync(DEFAULT_REPLAY_FILE, "utf8"));
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A small seeded generator (mulberry32): the same seed kills at the same offsets. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(probe: () => Promise<T | undefined>, ms: number, what: () => string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what()}`);
    await sleep(250);
  }
}

/**
 * The key of the first item of `table` (its name in the catalog) a write naming `attribute` was made on,
 * among those `which` takes. The emulators answer in this process: polled every millisecond, it is known
 * before the runtime that wrote can make its next call.
 */
async function written(
  system: LocalSystem,
  table: keyof LocalSystem["resourceDetails"]["tables"],
  attribute: string,
  which: (key: string) => boolean = () => true,
): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    for (const [key, writes] of system.dynamoDbItemWrites(system.resourceDetails.tables[table])) {
      if (which(key) && writes.madeAttributes.some((names) => names.includes(attribute))) return key;
    }
    if (Date.now() > deadline) throw new Error(`no ${attribute} written on ${table} within 60 s`);
    await sleep(1);
  }
}

/** Every item of a paged list route. */
async function all<T>(system: LocalSystem, path: string, key: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const url = `${system.apiUrl}${path}${path.includes("?") ? "&" : "?"}limit=100${cursor ? `&cursor=${cursor}` : ""}`;
    const page = (await (await fetch(url, { headers: { "x-api-key": key } })).json()) as {
      items: T[];
      cursor?: string;
    };
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

interface Alert {
  alertId: string;
  status: string;
  patternId?: string;
  publishedAt?: string;
}
interface Approval {
  id: string;
  alertId: string;
  status: string;
}

/** A system in a fresh directory, restarting its runtime up to `restarts` times, what it says gathered. */
async function startWatched(prefix: string, restarts: number) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  const reports: PollerReport[] = [];
  const failures: string[] = [];
  const notices: Notification[] = [];
  const system: LocalSystem = await startSystem({
    port: 0,
    outDir: dir,
    consoleDir: join(dir, "no-console"),
    timing: TIMING,
    maxRuntimeRestarts: restarts,
    trackItemWrites: true,
    onReport: (report) => reports.push(report),
    onRuntimeFailure: (message) => failures.push(message),
    onApprovalNotice: (notice) => notices.push(notice),
  });
  return { system, reports, failures, notices };
}

describe("chaos: SIGKILL of the runtime while the stream is processed", () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: same detections as the batch scan, nothing stranded beyond the sweep bound`, {
      timeout: 240_000,
    }, async () => {
      const next = random(seed);
      // The seeded kills, and one inside an approval's decision.
      const { system, reports, failures } = await startWatched(`chaos-${seed}-`, KILLS_PER_SEED + 1);
      try {
        const restarted = () => reports.filter((r) => r.message.includes("is running again")).length;
        const series = Object.entries(SYMBOLS).map(([symbol, start]) => ({
          symbol,
          bars: spx.slice(start, start + BARS),
        }));
        const putting = Promise.all(
          series.map(({ symbol, bars }) =>
            system.replay(bars, { symbol, interval: "1d", barsPerSecond: 400 }),
          ),
        );
        const killedAfter: number[] = [];
        for (let kill = 1; kill <= KILLS_PER_SEED; kill++) {
          const wait = Math.round(300 + next() * 2700);
          killedAfter.push(wait);
          await sleep(wait);
          process.kill(system.runtimePid() as number, "SIGKILL");
          await until(
            async () => (restarted() >= kill ? true : undefined),
            60_000,
            () => `restart ${kill}`,
          );
        }
        // (Not system.settled(): it also waits for AlertQueue to drain, and a message a killed runtime had
        // in flight stays hidden for the queue's visibility timeout, 300 s. The sweep re-drives its alert.)
        await putting;

        // A decision crashed: the first approval request of a series put now is decided through the API as it
        // is announced, and the runtime killed the moment the decision is written, before its alert is
        // settled and published (nothing retries the approver's call: the sweep finishes it).
        const asked = system.approvalRequests.length;
        const decidedBars = spx.slice(DECIDED.start, DECIDED.start + BARS);
        await system.replay(decidedBars, { symbol: DECIDED.symbol, interval: "1d", barsPerSecond: 400 });
        const request = await until(
          async () =>
            system.approvalRequests
              .slice(asked)
              .find((r) => JSON.parse(r.notification.message).alert?.symbol === DECIDED.symbol),
          60_000,
          () => `an approval request of ${DECIDED.symbol}`,
        );
        const token = new URL(request.link as string).searchParams.get("token") as string;
        const tokenHash = createHash("sha256").update(token).digest("hex");
        const approver = system.apiKeys.approver;
        const answered = fetch(`${system.apiUrl}/approve/${token}`, {
          method: "POST",
          headers: { "x-api-key": approver, "content-type": "application/json" },
          body: JSON.stringify({ decision: "approve", comment: `chaos seed ${seed}` }),
        }).then(
          (answer) => answer.status,
          () => "no answer",
        );
        await written(system, "ApprovalTracking", "decidedBy", (key) => key === tokenHash);
        process.kill(system.runtimePid() as number, "SIGKILL");
        await until(
          async () => (restarted() > KILLS_PER_SEED ? true : undefined),
          60_000,
          () => "the restart after the decision",
        );
        series.push({ symbol: DECIDED.symbol, bars: decidedBars });

        // Stored detections: exactly the batch scan's (what `patterns scan` prints), none twice.
        const reader = system.apiKeys.reader;
        // The detections whose confidence raises an alert: the alerts waited for below are theirs, so a
        // busy machine's late alert queue cannot pass the check with no alerts yet.
        const alerting = new Set<string>();
        for (const { symbol, bars } of series) {
          const expected = scanBars(bars)
            .map((d) => `${d.pattern}|${d.end}|${d.detectedAt}`)
            .sort();
          const stored = await until(
            async () => {
              const items = await all<{
                pattern: string;
                end: string;
                detectedAt: string;
                patternId: string;
                confidence: number;
              }>(system, `/patterns?symbol=${symbol}`, reader);
              return items.length >= expected.length ? items : undefined;
            },
            120_000,
            () => `${symbol}'s detections`,
          );
          expect(new Set(stored.map((p) => p.patternId)).size, symbol).toBe(stored.length);
          expect(stored.map((d) => `${d.pattern}|${d.end}|${d.detectedAt}`).sort(), symbol).toEqual(expected);
          for (const d of stored) if (decideSeverity(d.confidence) !== null) alerting.add(d.patternId);
        }
        expect(alerting.size).toBeGreaterThan(0);

        // Within the bound: every alert PUBLISHED or final, every approval decided, expired or superseded.
        let alerts: Alert[] = [];
        let approvals: Approval[] = [];
        // The decision crashed stands, and its alert is out on TradingAlerts.
        const decisionFinished = () => {
          const approval = approvals.find((a) => a.id === tokenHash);
          const alert = alerts.find((a) => a.alertId === approval?.alertId);
          return (
            approval?.status === "APPROVED" &&
            alert?.status === "APPROVED" &&
            alert.publishedAt !== undefined &&
            system.tradingAlerts.some((n) => {
              const message = JSON.parse(n.message) as { type: string; alert?: { alertId: string } };
              return message.type === "alert" && message.alert?.alertId === alert.alertId;
            })
          );
        };
        await until(
          async () => {
            alerts = await all<Alert>(system, "/alerts", reader);
            approvals = (
              await Promise.all(
                ["PENDING", "APPROVED", "REJECTED", "EXPIRED", "SUPERSEDED"].map((status) =>
                  all<Approval>(system, `/approvals?status=${status}`, approver),
                ),
              )
            ).flat();
            const raised = new Set(alerts.map((a) => a.patternId));
            const settled =
              [...alerting].every((id) => raised.has(id)) &&
              alerts.every((a) => FINAL.has(a.status)) &&
              approvals.every((a) => CLOSED.has(a.status)) &&
              decisionFinished();
            return settled ? true : undefined;
          },
          SWEEP_BOUND_MS,
          () =>
            `unfinished: ${[...alerting].filter((id) => !alerts.some((a) => a.patternId === id)).length} ` +
            `detections without their alert; ${JSON.stringify(alerts.filter((a) => !FINAL.has(a.status)))} ` +
            `${JSON.stringify(approvals.filter((a) => !CLOSED.has(a.status)))}; the decided approval ` +
            `${JSON.stringify(approvals.find((a) => a.id === tokenHash))} published: ${decisionFinished()}`,
        );
        expect(alerts.length).toBeGreaterThan(0);
        expect(approvals.length).toBeGreaterThan(0);
        const critical = new Set(approvals.map((a) => a.alertId));
        for (const alert of alerts.filter((a) => critical.has(a.alertId))) {
          expect(["APPROVED", "REJECTED", "EXPIRED"], alert.alertId).toContain(alert.status);
        }
        expect(failures).toEqual([]);
        expect(restarted()).toBe(KILLS_PER_SEED + 1);
        console.info(
          `chaos seed ${seed}: killed after ${killedAfter.join(" ms, ")} ms, and at a decision (answered ` +
            `${await answered}); ${alerts.length} alerts, ` +
            `${approvals.length} approvals, statuses ${JSON.stringify(countBy(alerts.map((a) => a.status)))}`,
        );
      } finally {
        await system.stop();
      }
    });
  }
});

describe("chaos: SIGKILL of the runtime inside an approval's expiry", () => {
  it("the restarted runtime expires the approval and tells its approvers, the dead run's claim not waited out", {
    timeout: 240_000,
  }, async () => {
    const { system, reports, failures, notices } = await startWatched("chaos-expiry-", 1);
    try {
      await system.replay(spx.slice(SYMBOLS.CHA, SYMBOLS.CHA + BARS), {
        symbol: "CHA",
        interval: "1d",
        barsPerSecond: 400,
      });
      // The runtime is killed the moment a run's claim of an expiry is answered, before that run's notice and
      // close: it leaves the approval PENDING and claimed, by a run that is gone. The restarted runtime's sweep
      // at start takes the claim over, well within the bound, which has no room for the claim's 60 s lease.
      const claimed = await written(system, "ApprovalTracking", "expiryClaimedAt");
      process.kill(system.runtimePid() as number, "SIGKILL");
      const killedAt = Date.now();
      // Nothing written on the approval after its claim: killed before its close (its notice comes before).
      const tracking = system.resourceDetails.tables.ApprovalTracking;
      const writes = system.dynamoDbItemWrites(tracking).get(claimed)?.madeAttributes ?? [];
      expect(writes.at(-1), "killed inside the expiry, before its close").toContain("expiryClaimedAt");
      const approver = system.apiKeys.approver;
      await until(
        async () => (reports.some((r) => r.message.includes("is running again")) ? true : undefined),
        60_000,
        () => "the restart",
      );

      const expired = await until(
        async () =>
          (await all<Approval>(system, "/approvals?status=EXPIRED", approver)).find((a) => a.id === claimed),
        SWEEP_BOUND_MS,
        () =>
          `approval ${claimed} still PENDING ${Math.round((Date.now() - killedAt) / 1000)} s after the kill`,
      );
      console.info(`chaos expiry: approval ${claimed} expired ${Date.now() - killedAt} ms after the kill`);
      const { alertId } = expired;
      const alert = (await all<Alert>(system, "/alerts?symbol=CHA", system.apiKeys.reader)).find(
        (a) => a.alertId === alertId,
      );
      expect(alert?.status).toBe("EXPIRED");
      const told = () =>
        notices
          .map((n) => JSON.parse(n.message) as { type: string; alertId: string })
          .some((m) => m.type === "approvalExpired" && m.alertId === alertId);
      await until(
        async () => (told() ? true : undefined),
        10_000,
        () => `the approvers told of ${alertId}'s expiry`,
      );
      expect(failures).toEqual([]);
    } finally {
      await system.stop();
    }
  });
});

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
