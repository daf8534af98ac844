#!/usr/bin/env node
// Entry point of `npx patterns`: the CLI as compiled at install (packages/cli/scripts/build.mjs). CommonJS,
// as dist/main.cjs is: Node then starts without its ES module loader (an empty .cjs ~8 ms less CPU than an
// empty .mjs, 15 runs at load 6), and require("node:fs") is Node's own object (an ES module's
// `import ... from "node:fs"` reads every export, fs.promises too, which loads 14 stream modules).
"use strict";
const { existsSync } = require("node:fs");
const { join } = require("node:path");

// glibc's malloc gives freed memory back to the system once the free space at its top passes its trim
// threshold (128 KiB at start), and V8's compiler threads free their zones after every optimized function:
// their pages were faulted in again job after job (~10 us a fault on our VMs). Freeing one block that malloc
// had mapped for itself raises the threshold to twice that block, process-wide, as mallopt(3) documents
// ("dynamic mmap threshold"). This 4 MiB (calloc'd, never touched: no faults) is freed by the first young
// collection's sweeper, ~20 ms into the read of a file, before the compiler's busy part. 300,000 bars: 9.4k
// -> 8.1k page faults. Not transfer(0), which frees it at once but detaches it: one detach turns off V8's
// ArrayBufferDetaching protector for the whole run, and every typed-array access in optimized code then
// checks for a detached buffer: 300k --json 464 -> 424 ms wall, 602 -> 556 ms CPU without it (10 alternating
// pairs, 10 of 10 lower, load 3.9). Elsewhere (musl, macOS) it only maps and unmaps 4 MiB it never touches.
new ArrayBuffer(4 << 20);

// V8's code for the compiled CLI kept between runs (Node >= 22.1; NODE_COMPILE_CACHE says where,
// NODE_DISABLE_COMPILE_CACHE turns it off): `patterns --help` 131 -> 124 ms CPU warm, 131 when the
// cache is first written (15 rounds, load 5); 300k --json 697 -> 668 warm, 686 cold (10 rounds, load 4.5).
// A worker thread takes the cache only from NODE_COMPILE_CACHE, read when it starts (this call does not set
// it): without it every run's workers compiled dist/worker.cjs anew.
const cache = require("node:module").enableCompileCache?.();
if (cache?.directory !== undefined && process.env.NODE_COMPILE_CACHE === undefined)
  process.env.NODE_COMPILE_CACHE = cache.directory;

const main = join(__dirname, "../dist/main.cjs");
if (!existsSync(main)) {
  process.stderr.write(
    "patterns: not built yet: run npm install (or npm run build -w @stock-patterns/cli)\n",
  );
  process.exit(2);
}
require(main);
