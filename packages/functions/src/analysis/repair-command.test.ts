// The operator's command, `npm run repair:duplicate-detections`, run as a process against dynalite: the
// tables and endpoint from the local system's outputs.json (--local), lines on stdout, progress on stderr.

import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { detectionRecord, scanOutcomes, textPatternId } from "@stock-patterns/core";
import { afterAll, describe, expect, it } from "vitest";
import { dynamo } from "#aws";
import { linked } from "#config";
import { scanTable } from "#test/aws";
import { sp500 } from "#test/fixtures";
import { savePatterns } from "./repository";

const scratch = mkdtempSync(join(tmpdir(), "repair-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const COMMAND = fileURLToPath(new URL("../../../../scripts/repair/duplicate-detections.ts", import.meta.url));

/** The environment without the links the test itself runs with: the command must find them itself. */
const unlinked = () =>
  Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("SST_RESOURCE_")));

/** An outputs.json as `npm start` writes it, for the tables of this file's emulators. */
function outputs(endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB) {
  const tables = Object.fromEntries(
    (["TradingPatterns", "Alerts", "SymbolWindows"] as const).map((name) => [name, linked(name, "name")]),
  );
  const path = join(mkdtempSync(join(scratch, "outputs-")), "outputs.json");
  writeFileSync(path, JSON.stringify({ endpoints: { dynamodb: endpoint }, resources: { tables } }));
  return path;
}

/** The command run with `args`; `npm` adds the variables npm gives the script it runs. */
async function run(args: string[], npm: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", COMMAND, ...args],
      {
        env: { ...unlinked(), ...npm },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe("npm run repair:duplicate-detections", () => {
  it("prints what it would delete, deletes it with --apply, and finds nothing the second time", async () => {
    const bars = sp500().slice(0, 300);
    const found = scanOutcomes(bars).map((d) => ({ ...detectionRecord(d), outcomeAsOf: d.detectedAt }));
    const { patterns } = await savePatterns("CMD", "1d", found.slice(0, 2), "api", bars);
    const [pair] = patterns;
    if (!pair) throw new Error("no detection");
    const kept = textPatternId("CMD", "1d", pair) as string;
    const item = (await scanTable(linked("TradingPatterns", "name"))).find(
      (p) => p.patternId === pair.patternId,
    );
    await dynamo().send(
      new PutCommand({ TableName: linked("TradingPatterns", "name"), Item: { ...item, patternId: kept } }),
    );
    const local = outputs();

    const dry = await run(["--local", local]);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toBe("scanned 3 detections\n");
    expect(dry.stdout).toBe(
      `would delete CMD 1d ${pair.pattern} ${pair.detectedAt}: ${pair.patternId}, kept ${kept}\n` +
        "dry run (--apply to repair): 3 scanned, 1 pairs, 0 outcomes to move, 0 alerts to point at the kept item, 0 windows to make to follow it, 1 would delete, skipped: none\n",
    );
    expect(await scanTable(linked("TradingPatterns", "name"))).toHaveLength(3);
    // Typed in the folder outputs.json is in: npm runs the script in the repository's root and tells it
    // that folder (INIT_CWD).
    const typedIn = { npm_lifecycle_event: "repair:duplicate-detections", INIT_CWD: dirname(local) };
    expect(await run(["--local", "outputs.json"], typedIn)).toEqual(dry);

    const applied = await run(["--local", local, "--apply"]);
    expect(applied.code).toBe(0);
    expect(applied.stdout.split("\n").at(-2)).toBe(
      "3 scanned, 1 pairs, 0 outcomes moved, 0 alerts pointed at the kept item, 0 windows made to follow it, 1 deleted, skipped: none",
    );
    const left = (await scanTable(linked("TradingPatterns", "name"))).map((p) => p.patternId);
    expect(left.sort()).toEqual([kept, patterns[1]?.patternId].sort());

    const again = await run(["--local", local, "--apply"]);
    expect(again.stdout).toContain("2 scanned, 0 pairs");
  });

  it("exits 1 with the reason when the table cannot be read, a local system that does not answer named as maybe stopped", async () => {
    const local = outputs("http://127.0.0.1:9");
    const failed = await run(["--local", local]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/ECONNREFUSED/);
    expect(failed.stderr).toContain(`the system of ${local} does not answer; is npm start running?`);
    expect(failed.stdout).toBe("");
  });

  it("refuses to run bare, a missing outputs file and an unknown option, saying how it is run (exit 2, nothing read)", async () => {
    const bare = await run([]);
    expect(bare.code).toBe(2);
    const usage =
      "usage: npx sst shell --stage NAME -- npm run repair:… [-- --apply], or npm run repair:… -- --local .local/outputs.json [--apply]\n";
    expect(bare.stderr).toBe(
      `TradingPatterns, Alerts, SymbolWindows not linked: run it under sst shell for a deployed stage, or with --local for npm start's system\n${usage}`,
    );
    const missing = await run(["--local", "/nowhere/outputs.json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^--local \/nowhere\/outputs\.json: ENOENT.*; give the outputs\.json of the system npm start runs/,
    );
    const typo = await run(["--aply"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe(`Unknown option '--aply' (did you mean --apply?)\n${usage}`);
    for (const refused of [bare, missing, typo]) expect(refused.stdout).toBe("");
  });
});
