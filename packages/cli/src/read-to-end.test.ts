import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readFailure } from "./commands/scan/read-failure";
import { PIPED_MAX_BYTES, readToEnd } from "./read-to-end";

/** A stream of these pieces, as a pipe gives them. */
const piped = (...pieces: string[]) => Readable.from(pieces.map((piece) => Buffer.from(piece)));

describe("an input read whole from a pipe or a device", () => {
  it("is every byte to its end, in order", async () => {
    const bytes = await readToEnd(piped("Date,Close\n", "2020-01-02,1\n", ""));
    expect(Buffer.from(bytes).toString()).toBe("Date,Close\n2020-01-02,1\n");
    expect((await readToEnd(piped())).byteLength).toBe(0);
  });

  it("is refused once it goes on past the bound, the stream then closed, in a read failure's words", async () => {
    const endless = Readable.from(
      (function* () {
        for (;;) yield Buffer.alloc(1000);
      })(),
    );
    const refused = await readToEnd(endless, 10_000).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "EFBIG" });
    expect(endless.destroyed).toBe(true);
    expect(readFailure("-", refused)).toBe(
      "cannot read -: it goes on past 10000 bytes (the most read whole from a pipe or a device): save it as a file or as a folder of a file per symbol",
    );
    // Exactly the bound is taken.
    expect((await readToEnd(piped("x".repeat(10_000)), 10_000)).byteLength).toBe(10_000);
  });

  it("is bound by default where Node bounds a file read whole (2 GiB less a byte), said in GiB", async () => {
    // A piece as long as the bound and a byte, told by its length alone (nothing of 2 GiB is made).
    const past = (async function* () {
      yield { byteLength: PIPED_MAX_BYTES + 1 } as Uint8Array;
    })();
    const refused = await readToEnd(past).catch((error: unknown) => error);
    expect(readFailure("-", refused)).toMatch(/^cannot read -: it goes on past 2 GiB \(/);
    expect(PIPED_MAX_BYTES).toBe(2 ** 31 - 1);
  });
});
