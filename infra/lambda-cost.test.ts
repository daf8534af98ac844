// docs/capacity.md's Lambda GB-seconds and what they cost, worked again from the functions' memory as
// synthesized and the GB Lambda bills by (`billedGigabytes`): each figure the page states must be the
// worked one rounded where the page rounds it.
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { resource, type SynthGraph } from "../scripts/synth/graph";
import { billedGigabytes, cpuShare, MODEL_SERIES, STATS_AS_OF_CPU_MS_PER_SERIES } from "./capacity";

const graph: SynthGraph = inject("production");
const page = readFileSync(new URL("../docs/capacity.md", import.meta.url), "utf8").replace(/\s+/g, " ");
const lambda = (name: string) => resource(graph, "aws:lambda/function:Function", `${name}Function`).inputs;

/** The seconds of the page's month ("records per month (30 days)"). */
const MONTH_SECONDS = 30 * 86_400;

/** The page's numbers matched by `pattern`, in order, or a failure naming what is missing. */
function figures(pattern: RegExp): string[] {
  const match = page.match(pattern);
  expect(match, String(pattern)).not.toBeNull();
  return (match ?? []).slice(1);
}

/**
 * `stated` ("2.5", "1,010", "0.0003") is `value` rounded at the stated figure's last significant place (soft:
 * every figure off is listed).
 */
function expectRounded(stated: string | undefined, value: number, what: string) {
  const digits = String(stated).replace(/,/g, "");
  const decimals = digits.split(".")[1]?.length;
  const unit = decimals === undefined ? 10 ** (digits.match(/0*$/)?.[0].length ?? 0) : 10 ** -decimals;
  expect
    .soft(Math.abs(value - Number(digits)), `${what}: ${stated} stated, ${value} worked`)
    .toBeLessThanOrEqual(unit / 2 + 1e-12);
}

/** The page's arm64 prices: dollars a GB-second and a request. */
function prices(): { gbSecondPrice: number; requestPrice: number } {
  const [perSecond, perRequest] = figures(
    /\$([\d.]+) per GB-second on arm64.*?\$([\d.]+) per million requests/,
  );
  return { gbSecondPrice: Number(perSecond), requestPrice: Number(perRequest) / 1e6 };
}

describe("docs/capacity.md's Lambda GB-seconds", () => {
  it("price the functions' architecture", () => {
    for (const name of ["KinesisConsumer", "Api"])
      expect(lambda(name).architectures, name).toEqual(["arm64"]);
  });

  it("work the KinesisConsumer's month from its memory, its CPU per bar and the waits", () => {
    const { gbSecondPrice, requestPrice } = prices();
    const gigabytes = billedGigabytes(Number(lambda("KinesisConsumer").memorySize));
    const [taken = "", headroom = ""] = figures(
      /GB-s taken as ([\d.]+) GB (?:\([^)]*\) )?x CPU per bar x ([\d.]+) for the waits/,
    );
    expectRounded(taken, gigabytes, "GB taken");
    const cpuMs = figures(/\| consumer CPU at [\d.]+ ms per call \| ([\d.]+) ms \| ([\d.]+) ms \|/).map(
      Number,
    );
    const loads = [
      { bars: MODEL_SERIES / 60, cpuMs: cpuMs[0] ?? 0, label: "1-minute" },
      { bars: MODEL_SERIES, cpuMs: cpuMs[1] ?? 0, label: "1-second" },
    ];
    for (const { bars, cpuMs, label } of loads) {
      const [gbSeconds, batches, dollars] = figures(
        new RegExp(
          `${label} bars about ([\\d.]+) million GB-s \\+ ([\\d.]+) million batches.*?≈ \\*\\*\\$([\\d,]+)\\*\\*`,
        ),
      );
      const worked = ((bars * cpuMs) / 1000) * Number(headroom) * gigabytes * MONTH_SECONDS;
      expectRounded(gbSeconds, worked / 1e6, `${label} million GB-s`);
      expectRounded(
        dollars,
        worked * gbSecondPrice + Number(batches) * 1e6 * requestPrice,
        `${label} dollars`,
      );
    }
  });

  it("work the Api's requests at its memory and its former one", () => {
    const { gbSecondPrice } = prices();
    const memory = Number(lambda("Api").memorySize);
    const [former = ""] = figures(/At the Api's former ([\d,]+) MB/);
    const [ms, fromGbs, toGbs, fromDollars, toDollars] = figures(
      /a (\d+) ms request goes from ([\d.]+) to ([\d.]+) GB-s, about \$([\d.]+) to \$([\d.]+) a million requests/,
    );
    const [before, now] = [Number(former.replace(/,/g, "")), memory].map(
      (mb) => (Number(ms) / 1000) * billedGigabytes(mb),
    );
    expectRounded(fromGbs, before ?? 0, `GB-s at ${former} MB`);
    expectRounded(toGbs, now ?? 0, `GB-s at ${memory} MB`);
    expectRounded(fromDollars, (before ?? 0) * 1e6 * gbSecondPrice, `dollars a million at ${former} MB`);
    expectRounded(toDollars, (now ?? 0) * 1e6 * gbSecondPrice, `dollars a million at ${memory} MB`);

    // GET /stats?asOf= pooled over the model's series: CPU-bound, its seconds as infra/api-stage.test.ts
    // works them.
    const [pooled, pooledDollars] = figures(
      /A pooled answer at 8,000 series is about ([\d.]+) GB-s \(\$([\d.]+)\)/,
    );
    const seconds = (MODEL_SERIES * STATS_AS_OF_CPU_MS_PER_SERIES) / 1000 / cpuShare(memory);
    expectRounded(pooled, seconds * billedGigabytes(memory), "pooled GB-s");
    expectRounded(pooledDollars, seconds * billedGigabytes(memory) * gbSecondPrice, "pooled dollars");
  });
});
