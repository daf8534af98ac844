// The operator's repair of approvals a release before a11e279 closed, on dynalite: their TTL attribute still
// holds their decision deadline, so DynamoDB deletes them within days of the upgrade unless it is rewritten.

import assert from "node:assert";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { APPROVAL_TTL_SECONDS } from "@stock-patterns/core/catalog";
import { afterAll, describe, expect, it } from "vitest";
import { dynamo } from "#aws";
import { linked } from "#config";
import { sweepStranded } from "#recovery";
import { closedByOlderRelease, storedBeforeOpenIndex } from "#test/approval-shapes";
import type { Approval } from "./approval";
import { keepClosedForAudit } from "./audit-keep";
import { keepClosedApprovals } from "./repair-retention";
import { getApproval } from "./repository";

const scratch = mkdtempSync(join(tmpdir(), "repair-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const DAY = 86_400;
const epoch = (at: Date | string) => Math.floor(new Date(at).getTime() / 1000);

const COMMAND = fileURLToPath(new URL("../../../../scripts/repair/closed-approvals.ts", import.meta.url));

/** `npm run repair:closed-approvals -- --local <outputs.json> ...args` for this file's dynalite, as a process. */
async function command(...args: string[]) {
  const path = join(mkdtempSync(join(scratch, "outputs-")), "outputs.json");
  const tables = { ApprovalTracking: linked("ApprovalTracking", "name") };
  writeFileSync(
    path,
    JSON.stringify({ endpoints: { dynamodb: process.env.AWS_ENDPOINT_URL_DYNAMODB }, resources: { tables } }),
  );
  // Without the links this test runs with: the command must find the table itself.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("SST_RESOURCE_")),
  );
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", COMMAND, "--local", path, ...args],
      { env },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

async function stored(tokenHash: string): Promise<Approval> {
  const approval = await getApproval(tokenHash);
  assert(approval, `no approval ${tokenHash}`);
  return approval;
}

describe("npm run repair:closed-approvals' work (keepClosedApprovals)", () => {
  it("keeps each approval an older release closed 400 days from its close; a dry run writes nothing", async () => {
    const requested = new Date("2026-12-02T14:00:00.000Z");
    const decidedAt = new Date(requested.getTime() + 600_000);
    const deadline = epoch(requested) + APPROVAL_TTL_SECONDS;
    const closedAt = new Date((deadline + 420) * 1000);
    const approved = await closedByOlderRelease("old-approved-0123456789abcdef", requested, {
      status: "APPROVED",
      decidedAt,
      comment: "levels hold",
    });
    const rejected = await closedByOlderRelease("old-rejected-0123456789abcdef", requested, {
      status: "REJECTED",
      decidedAt,
    });
    const expired = await closedByOlderRelease("old-expired-0123456789abcdef", requested, {
      status: "EXPIRED",
      closedAt,
    });
    const superseded = await closedByOlderRelease("old-superseded-0123456789abcdef", requested, {
      status: "SUPERSEDED",
    });
    // Each one's TTL value is its deadline, past: nothing this release does on its own rewrites it.
    await sweepStranded(new Date());
    for (const old of [approved, rejected, expired, superseded])
      expect((await stored(old.tokenHash)).expiresAtEpoch).toBe(deadline);
    // An open one (the sweep's and a decision's to close) and one closed by this release are not its.
    const open = await storedBeforeOpenIndex("old-open-0123456789abcdef", new Date(Date.now() + 600_000), {
      beforeDeadlineEpoch: true,
    });
    const closedNow = { ...approved, tokenHash: "f".repeat(64), deadlineEpoch: deadline };
    await dynamo().send(new PutCommand({ TableName: linked("ApprovalTracking", "name"), Item: closedNow }));

    const seen: string[] = [];
    const dry = await keepClosedApprovals({ apply: false, onApproval: (a) => seen.push(a.tokenHash) });
    expect(dry).toMatchObject({ found: 4, kept: 0, gone: 0 });
    expect(await stored(approved.tokenHash)).toEqual(approved);

    const summary = await keepClosedApprovals({ apply: true });
    expect(summary).toMatchObject({ found: 4, kept: 4, gone: 0 });
    expect(summary.scanned).toBe(6);
    const audit = 400 * DAY;
    expect(await stored(approved.tokenHash)).toEqual({
      ...approved,
      deadlineEpoch: deadline,
      expiresAtEpoch: epoch(decidedAt) + audit,
    });
    expect(await stored(rejected.tokenHash)).toEqual({
      ...rejected,
      deadlineEpoch: deadline,
      expiresAtEpoch: epoch(decidedAt) + audit,
    });
    expect(await stored(expired.tokenHash)).toEqual({
      ...expired,
      deadlineEpoch: deadline,
      expiresAtEpoch: epoch(closedAt) + audit,
    });
    // A tombstone was closed as it was stored: kept from its request.
    expect(await stored(superseded.tokenHash)).toEqual({
      ...superseded,
      deadlineEpoch: deadline,
      expiresAtEpoch: epoch(requested) + audit,
    });
    expect(await stored(open.tokenHash)).toEqual(open);
    expect(await stored(closedNow.tokenHash)).toEqual(closedNow);
    expect(seen.sort()).toEqual([approved, rejected, expired, superseded].map((a) => a.tokenHash).sort());

    expect(await keepClosedApprovals({ apply: true })).toMatchObject({ found: 0, kept: 0 });
  });

  it("is run as npm run repair:closed-approvals: a line for each, a dry run first", async () => {
    const requested = new Date("2026-12-03T09:00:00.000Z");
    const old = await closedByOlderRelease("old-cmd-0123456789abcdef", requested, {
      status: "EXPIRED",
      closedAt: new Date("2026-12-03T10:05:00.000Z"),
    });
    const until = new Date((epoch("2026-12-03T10:05:00.000Z") + 400 * DAY) * 1000).toISOString();
    const dry = await command();
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/^scanned \d+ approvals\n$/);
    expect(dry.stdout).toContain(`would keep ${old.tokenHash} EXPIRED until ${until}\n`);
    expect(dry.stdout).toMatch(
      /dry run \(--apply to repair\): \d+ scanned, 1 closed with their deadline as TTL value, none written\n$/,
    );
    expect(await stored(old.tokenHash)).toEqual(old);

    const applied = await command("--apply");
    expect(applied.stdout).toBe(
      `kept ${old.tokenHash} EXPIRED until ${until}\n${applied.stdout.match(/\d+ scanned/)?.[0]}, 1 closed with their deadline as TTL value, 1 kept, 0 gone\n`,
    );
    expect((await stored(old.tokenHash)).expiresAtEpoch).toBe(epoch(until));
  });

  it("does not bring back an approval TTL deleted after the scan read it", async () => {
    expect(await keepClosedForAudit("e".repeat(64), "EXPIRED", epoch(new Date()) + 400 * DAY)).toBe(false);
    expect(await getApproval("e".repeat(64))).toBeUndefined();
  });
});
