// A header and then more bytes than a string may hold with no line break (a crashed write's NUL bytes):
// refused in words at exit 2, as any text too long to read whole, whichever line is too long.
import { constants } from "node:buffer";
import { describe, expect, it } from "vitest";
import { capturedOutput } from "../../test/run";
import { runCli } from "../run";

const { MAX_STRING_LENGTH } = constants;

/** `patterns scan -` on these bytes as standard input. */
async function scanned(bytes: Buffer) {
  const { output, io } = capturedOutput();
  const status = await runCli(["scan", "-"], { read: async () => bytes, list: async () => undefined, ...io });
  return { status, ...output };
}

const TOO_LONG =
  /^patterns: -: the input is 513 MiB, more than a file read whole may hold as text \(536,870,888 characters/;

describe("lines longer than a string may hold", () => {
  it("after a header, are refused in words (the separator's guess had crashed with Node's stack)", async () => {
    const bytes = Buffer.alloc(MAX_STRING_LENGTH + 2 ** 20);
    bytes.write("Date,Close\n");
    const run = await scanned(bytes);
    expect(run).toMatchObject({ status: 2, stdout: "" });
    expect(run.stderr).toMatch(TOO_LONG);
  });

  it("as the header itself, are refused in words", async () => {
    const bytes = Buffer.alloc(MAX_STRING_LENGTH + 2 ** 20, "D");
    bytes.write("\n", bytes.length - 1);
    const run = await scanned(bytes);
    expect(run).toMatchObject({ status: 2, stdout: "" });
    expect(run.stderr).toMatch(TOO_LONG);
  });
});
