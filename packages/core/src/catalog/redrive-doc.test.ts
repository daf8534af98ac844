// docs/reliability.md's "Bringing back what was set aside" tells, for every dead-letter queue and set-aside
// queue of this catalog, what a message in it is, how to look at it and how to bring it back; docs/deploy.md's
// alarm rows for those queues link to it. A queue added here without its entry fails.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deadLetterQueueName, QUEUE_URL_OUTPUTS, QUEUES, SET_ASIDE_QUEUES, STREAM } from "./index";

const docs = new URL("../../../../docs/", import.meta.url);
const reliability = readFileSync(new URL("reliability.md", docs), "utf8");
const deploy = readFileSync(new URL("deploy.md", docs), "utf8");

const SECTION = "## 7. Bringing back what was set aside";
const DAY = 86_400;

/** The section's entry for a queue: from its `### <queue>` heading to the next heading of any level up to 3. */
function entry(queue: string): string {
  const start = reliability.indexOf(SECTION);
  expect(start, "the section").toBeGreaterThan(-1);
  const section = reliability.slice(start);
  const heading = section.indexOf(`\n### ${queue}\n`);
  expect(heading, `an entry for ${queue}`).toBeGreaterThan(-1);
  const rest = section.slice(heading + 1);
  const end = rest.slice(1).search(/\n#{1,3} /);
  return (end === -1 ? rest : rest.slice(0, end + 1)).replace(/\s+/g, " ");
}

/**
 * The three parts every entry has, and the CLI call that reads the queue, its URL read from the outputs
 * under its key (the same in .sst/outputs.json and .local/outputs.json), not found by a name or a policy.
 */
function expectParts(text: string, queue: keyof typeof QUEUE_URL_OUTPUTS) {
  expect(text).toContain("**What a message is.**");
  expect(text).toContain("**To look at it.**");
  expect(text).toContain("**To bring it back.**");
  expect(text).toContain("aws sqs receive-message");
  expect(text).toContain(`jq -r .${QUEUE_URL_OUTPUTS[queue]} "$OUTPUTS"`);
  expect(text).not.toMatch(/list-queues|get-queue-url|RedrivePolicy|not among the stage's outputs/);
}

const deadLetterQueues = (Object.keys(QUEUES) as (keyof typeof QUEUES)[]).map((source) => ({
  source,
  dlq: deadLetterQueueName(source),
  spec: QUEUES[source],
}));

describe("docs/reliability.md's redrive section", () => {
  it.each(deadLetterQueues)(
    "has $dlq: its receives, retention and a redrive to $source",
    ({ source, dlq, spec }) => {
      const text = entry(dlq);
      expectParts(text, dlq);
      expect(text).toContain(`after ${spec.maxReceiveCount} receives`);
      expect(text).toContain(`kept ${spec.deadLetterRetentionSeconds / DAY} days`);
      expect(text).toContain("aws sqs start-message-move-task --source-arn");
      expect(text).toContain(`\`${source}\``);
    },
  );

  it("reads every queue's URL from the deployed or the local outputs, by one key", () => {
    const start = reliability.indexOf(SECTION);
    const intro = reliability.slice(start, reliability.indexOf("\n### ", start)).replace(/\s+/g, " ");
    expect(intro).toContain("OUTPUTS=.sst/outputs.json");
    expect(intro).toContain("OUTPUTS=.local/outputs.json");
  });

  it.each(Object.keys(SET_ASIDE_QUEUES) as (keyof typeof SET_ASIDE_QUEUES)[])(
    "has %s and its retention",
    (queue) => {
      const text = entry(queue);
      expectParts(text, queue);
      const spec = SET_ASIDE_QUEUES[queue];
      expect(text).toContain(`kept ${spec.retentionSeconds / DAY} days`);
    },
  );

  it("replays a failed batch from the stream within its retention", () => {
    const text = entry("MarketDataFailures");
    expect(text).toContain(`${STREAM.retentionHours} hours`);
    expect(text).toContain("--shard-iterator-type AT_SEQUENCE_NUMBER");
  });

  // The read loop stops once END is among the records read, but one get-records answers up to 1,000, so
  // batch.jsonl holds records past END; the line that writes replay.jsonl must cut them off, END included,
  // also when END is the first record read: a batch of one, as bisecting a failing batch leaves.
  it.each([
    [1, 1],
    [2, 2],
    [3, 3],
  ])("puts back the records up to END and no further, END the record %i of 3 read", (at, kept) => {
    const line = reliability.split("\n").find((text) => text.includes("> replay.jsonl"));
    expect(line, "the line that writes replay.jsonl").toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), "redrive-doc-"));
    const read = ["4968001", "4968002", "4968003"].map(
      (seq) => `{"SequenceNumber":"${seq}","PartitionKey":"AAPL","Data":"e30="}`,
    );
    try {
      writeFileSync(join(dir, "batch.jsonl"), `${read.join("\n")}\n`);
      execFileSync("bash", ["-c", line ?? ""], { cwd: dir, env: { ...process.env, END: `496800${at}` } });
      expect(readFileSync(join(dir, "replay.jsonl"), "utf8")).toBe(`${read.slice(0, kept).join("\n")}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("docs/deploy.md's alarm rows for those queues", () => {
  it("find each queue by its output, not by listing queues under SST's naming", () => {
    expect(deploy).not.toMatch(/list-queues|get-queue-url/);
    expect(deploy).toContain(`jq -r .${QUEUE_URL_OUTPUTS.AlertQueueDLQ} .sst/outputs.json`);
  });

  const rows = deploy.split("\n").filter((line) => /^\| `[\w-]+` \| .* \| .* \|$/.test(line));
  const queues = [...deadLetterQueues.map(({ dlq }) => dlq), ...Object.keys(SET_ASIDE_QUEUES)];

  it.each(queues)("link %s's alarm to its entry", (queue) => {
    // The queue's own alarm: named after it, or firing when a message waits on it.
    const own = rows.filter((row) => {
      const [name = "", fires = ""] = row.split(" | ");
      return name.includes(`\`${queue}-`) || fires.includes(`\`${queue}\``);
    });
    expect(own.length, `an alarm row for ${queue}`).toBeGreaterThan(0);
    for (const row of own) expect(row).toContain(`(reliability.md#${queue.toLowerCase()})`);
  });
});
