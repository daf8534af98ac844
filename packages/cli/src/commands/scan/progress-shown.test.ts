// The progress line's wiring through the compiled process (progress.ts's own rules are in scan.test.ts):
// shown on stderr when it is a terminal and the run is long, never when stderr is not a terminal or when
// the output itself goes to the terminal. A pseudo-terminal comes from util-linux `script`; the run is
// made long by standard input that ends only after a pause, so no case hangs on the machine's speed.

import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { PATTERNS_BIN, PROCESS_TIMEOUT } from "../../../test/bin";
import { SPX_FILE } from "../../../test/run";

/**
 * How long standard input stays open before the bars come: past Progress's one second from the scan's
 * start even when Node takes a second and a half to start on a loaded machine.
 */
const PAUSE_S = 2.5;

const dir = mkdtempSync(join(tmpdir(), "patterns-progress-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const quoted = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/**
 * Runs `patterns scan - --json` (or `stats`) in a pseudo-terminal, the S&P file coming on standard input
 * after the pause; `redirects` (shell) say where stdout and stderr go instead of the terminal. Returns what
 * the terminal showed.
 */
async function onTerminal(redirects: string, run: "scan" | "stats" = "scan"): Promise<string> {
  const feed = `(sleep ${PAUSE_S}; cat ${quoted(SPX_FILE)})`;
  const command = `${feed} | ${quoted(process.execPath)} ${quoted(PATTERNS_BIN)} ${run} - --json ${redirects}`;
  const { stdout } = await promisify(execFile)("script", ["-qec", command, "/dev/null"], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  return stdout;
}

const PROGRESS = "\rpatterns: scanned 1/1 files";
const CLEARED = "\r\x1b[K";

describe("the progress line of a long scan", () => {
  it(
    "shows on stderr when it is a terminal and stdout is not, and is cleared, the output unchanged",
    async () => {
      const [terminal, silentTerminal, printed] = await Promise.all([
        onTerminal(`> ${quoted(join(dir, "shown.jsonl"))}`),
        onTerminal(`> ${quoted(join(dir, "piped.jsonl"))} 2> ${quoted(join(dir, "piped.err"))}`),
        onTerminal(""),
      ]);
      // stderr the terminal, stdout a file: the line, then cleared.
      expect(terminal).toBe(`${PROGRESS}${CLEARED}`);
      // stderr a file: nothing on either.
      expect(silentTerminal).toBe("");
      expect(readFileSync(join(dir, "piped.err"), "utf8")).toBe("");
      // stdout the terminal: the lines only, no progress among them.
      expect(printed).not.toContain("scanned");
      expect(printed.length).toBeGreaterThan(1000);
      // The same lines in every case.
      const shown = readFileSync(join(dir, "shown.jsonl"), "utf8");
      expect(shown.length).toBeGreaterThan(1000);
      expect(readFileSync(join(dir, "piped.jsonl"), "utf8")).toBe(shown);
      expect(printed.replaceAll("\r\n", "\n")).toBe(shown);
    },
    PROCESS_TIMEOUT,
  );

  it(
    "shows for patterns stats too, what it counted",
    async () => {
      const [terminal, silentTerminal] = await Promise.all([
        onTerminal(`> ${quoted(join(dir, "stats.jsonl"))}`, "stats"),
        onTerminal(
          `> ${quoted(join(dir, "stats-piped.jsonl"))} 2> ${quoted(join(dir, "stats.err"))}`,
          "stats",
        ),
      ]);
      expect(terminal).toBe(`\rpatterns: counted 1/1 files${CLEARED}`);
      expect(silentTerminal).toBe("");
      expect(readFileSync(join(dir, "stats.err"), "utf8")).toBe("");
      const shown = readFileSync(join(dir, "stats.jsonl"), "utf8");
      expect(shown.split("\n")).toHaveLength(13);
      expect(readFileSync(join(dir, "stats-piped.jsonl"), "utf8")).toBe(shown);
    },
    PROCESS_TIMEOUT,
  );
});
