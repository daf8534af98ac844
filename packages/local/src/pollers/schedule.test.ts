// The 5-minute schedule: fires one period after the start and every period after, never two at once.

import { EVENT_SOURCES } from "@stock-patterns/core/catalog";
import type { ScheduledEvent } from "aws-lambda";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PollerReport } from "./poller";
import { startSchedule } from "./schedule";

const PERIOD_MS = EVENT_SOURCES.ThresholdChecker.scheduleMinutes * 60_000;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-01-05T10:00:00Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("startSchedule", () => {
  it("invokes the function with a scheduled event every period, the first one period after the start", async () => {
    const events: ScheduledEvent[] = [];
    const schedule = startSchedule({
      ruleName: "ThresholdCheckSchedule",
      functionName: "ThresholdChecker",
      handler: async (event) => {
        events.push(event as ScheduledEvent);
      },
      periodMs: PERIOD_MS,
      report: () => {},
    });
    expect(PERIOD_MS).toBe(5 * 60_000);
    await vi.advanceTimersByTimeAsync(PERIOD_MS - 1);
    expect(events).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(events).toEqual([
      expect.objectContaining({
        "detail-type": "Scheduled Event",
        source: "aws.events",
        time: "2026-01-05T10:05:00Z",
        resources: ["arn:aws:events:us-east-1:000000000000:rule/ThresholdCheckSchedule"],
      }),
    ]);
    await vi.advanceTimersByTimeAsync(2 * PERIOD_MS);
    expect(events.map((event) => event.time)).toEqual([
      "2026-01-05T10:05:00Z",
      "2026-01-05T10:10:00Z",
      "2026-01-05T10:15:00Z",
    ]);
    await schedule.stop();
    await vi.advanceTimersByTimeAsync(2 * PERIOD_MS);
    expect(events).toHaveLength(3);
  });

  it("runs a firing that comes while one is still running after it, answers each its own outcome, and reports a failed run", async () => {
    const reports: PollerReport[] = [];
    let active = 0;
    let most = 0;
    let calls = 0;
    const schedule = startSchedule({
      ruleName: "ThresholdCheckSchedule",
      functionName: "ThresholdChecker",
      handler: async () => {
        calls += 1;
        active += 1;
        most = Math.max(most, active);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        active -= 1;
        if (calls === 1) throw new Error("table unreachable");
      },
      periodMs: PERIOD_MS,
      report: (report) => reports.push(report),
    });
    const first = schedule.fire();
    const second = schedule.fire();
    await vi.advanceTimersByTimeAsync(2000);
    // npm start's firing after a replay may come while the timer's runs: it waits, then answers its own run.
    expect(await Promise.all([first, second])).toEqual(["failed", "ran"]);
    expect(calls).toBe(2);
    expect(most).toBe(1);
    expect(reports).toEqual([
      expect.objectContaining({
        functionName: "ThresholdChecker",
        message: "the scheduled run failed: table unreachable (retried in 60 s)",
      }),
    ]);
    await schedule.stop();
  });

  it("retries a failed firing with the same event as Lambda's asynchronous invocation does: after 1, then 2 minutes", async () => {
    // EventBridge invokes the function asynchronously; with no retry settings of its own (infra sets none),
    // Lambda runs a failed event twice more, one minute and then two minutes later:
    // https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
    const attempts: { at: number; id: string }[] = [];
    const reports: PollerReport[] = [];
    const start = Date.now();
    const schedule = startSchedule({
      ruleName: "ThresholdCheckSchedule",
      functionName: "ThresholdChecker",
      handler: async (event) => {
        attempts.push({ at: Date.now() - start, id: (event as ScheduledEvent).id });
        throw new Error("table unreachable");
      },
      periodMs: PERIOD_MS,
      report: (report) => reports.push(report),
    });
    await vi.advanceTimersByTimeAsync(PERIOD_MS + 3 * 60_000);
    expect(attempts.map((attempt) => attempt.at)).toEqual([
      PERIOD_MS,
      PERIOD_MS + 60_000,
      PERIOD_MS + 180_000,
    ]);
    expect(new Set(attempts.map((attempt) => attempt.id)).size).toBe(1);
    expect(reports.map((report) => report.message)).toEqual([
      "the scheduled run failed: table unreachable (retried in 60 s)",
      "the scheduled run failed: table unreachable (retried in 120 s)",
      "the scheduled run failed: table unreachable (no retries left: the event is dropped)",
    ]);
    // The next firing is a new event, not a fourth try.
    await vi.advanceTimersByTimeAsync(PERIOD_MS - 3 * 60_000 - 1);
    expect(attempts).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts).toHaveLength(4);
    expect(attempts[3]?.id).not.toBe(attempts[0]?.id);
    await schedule.stop();
  });

  it("stops with a retry still waiting without running it", async () => {
    let calls = 0;
    const schedule = startSchedule({
      ruleName: "ThresholdCheckSchedule",
      functionName: "ThresholdChecker",
      handler: async () => {
        calls += 1;
        throw new Error("table unreachable");
      },
      periodMs: PERIOD_MS,
      report: () => {},
    });
    await schedule.fire();
    await schedule.stop();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(calls).toBe(1);
  });
});
