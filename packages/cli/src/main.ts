// The `patterns` process: real files, standard streams, exit status.

import { readFile } from "node:fs/promises";
import { text } from "node:stream/consumers";
import { runCli } from "./run";

// A reader that stops early (`patterns scan x | head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const status = await runCli(process.argv.slice(2), {
  read: (file) => (file === "-" ? text(process.stdin) : readFile(file, "utf8")),
  stdout: (out) => process.stdout.write(out),
  stderr: (err) => process.stderr.write(err),
});
process.exitCode = status;
