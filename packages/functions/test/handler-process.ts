// One invocation of a handler in a process of its own, as a Lambda sandbox runs it, so a test can stop
// it dead at a chosen moment (SIGKILL) and see what a crash there leaves. Started by killedAtCall (killed-at-call.ts).
//   node --import tsx test/handler-process.ts <module> <event.json>
// The environment (links, endpoints) is the parent's; the answer is printed as JSON.

import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { lambdaContext } from "@stock-patterns/emulators";

const [modulePath, eventFile] = process.argv.slice(2);
if (!modulePath || !eventFile) throw new Error("usage: handler-process.ts <module> <event.json>");
const { handler } = (await import(pathToFileURL(modulePath).href)) as {
  handler(event: unknown, context: unknown): Promise<unknown>;
};
const answer = await handler(JSON.parse(readFileSync(eventFile, "utf8")), lambdaContext("test"));
process.stdout.write(JSON.stringify(answer ?? null));
