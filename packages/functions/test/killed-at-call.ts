// A handler stopped dead (SIGKILL: a crash, a Lambda timeout) at its Nth call to AWS: it runs in a process
// of its own (test/handler-process.ts) behind DynamoDB, SQS and SNS endpoints that pass every call on to the
// emulators and count them; the Nth is killed before it reaches AWS, or after AWS made it and before the
// handler hears the answer. Every point between two writes of one step can be tried so.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { closeServer, listen } from "@stock-patterns/emulators";

const HANDLER_PROCESS = fileURLToPath(new URL("./handler-process.ts", import.meta.url));
const SERVICES = ["DYNAMODB", "SQS", "SNS"] as const;

/**
 * Where the run is killed: at its `call`th AWS call (1-based), or the first call `call` picks by its
 * operation (`SQS.SendMessageBatch`) and body; before AWS sees it, or after AWS made it.
 */
export interface KillPoint {
  call: number | ((operation: string, body: string) => boolean);
  when: "before" | "after";
}

/** What a run left: the calls it made (`Service.Operation`, the killed one last), and how it ended. */
export interface KilledAtCallRun {
  calls: string[];
  killed: boolean;
  /** The handler's answer, when it finished. */
  answer: unknown;
}

/** `DynamoDB.PutItem`, `SQS.SendMessage`, `SNS.Publish`: the operation a request carries. */
function operationOf(service: string, incoming: IncomingMessage, body: string): string {
  const target = incoming.headers["x-amz-target"];
  if (typeof target === "string") return `${service}.${target.split(".").pop()}`;
  return `${service}.${new URLSearchParams(body).get("Action") ?? "unknown"}`;
}

/**
 * Runs `handler` of the module at `modulePath` on `event` in a process of its own, killed at `at` (or run
 * to its end when `at` is undefined, to count its calls).
 *
 * @example
 * const { calls } = await killedAtCall(PROCESSOR, sqsEvent); // every call of a whole run
 * await killedAtCall(PROCESSOR, sqsEvent, { call: 3, when: "after" }); // killed once its third call was made
 * await killedAtCall(CONSUMER, kinesisEvent, { call: (op) => op === "SNS.Publish", when: "before" });
 */
export async function killedAtCall(
  modulePath: string,
  event: unknown,
  at?: KillPoint,
): Promise<KilledAtCallRun> {
  const dir = mkdtempSync(join(tmpdir(), "killed-at-call-"));
  const eventFile = join(dir, "event.json");
  writeFileSync(eventFile, JSON.stringify(event));
  const calls: string[] = [];
  let kill = () => {};
  let killed = false;
  const proxy = (service: string, target: URL): Server =>
    createServer((incoming, answer) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () => {
        if (killed) return;
        const body = Buffer.concat(chunks);
        const text = body.toString("utf8");
        const operation = operationOf(service, incoming, text);
        calls.push(operation);
        const fatal =
          at !== undefined &&
          (typeof at.call === "number" ? calls.length === at.call : at.call(operation, text));
        if (fatal && at.when === "before") {
          killed = true;
          return kill();
        }
        const onward = request(
          {
            host: target.hostname,
            port: target.port,
            path: incoming.url,
            method: incoming.method,
            headers: incoming.headers,
          },
          (reply) => {
            const replied: Buffer[] = [];
            reply.on("data", (chunk: Buffer) => replied.push(chunk));
            reply.on("end", () => {
              if (fatal) {
                killed = true;
                return kill();
              }
              if (killed) return;
              answer.writeHead(reply.statusCode ?? 502, reply.headers);
              answer.end(Buffer.concat(replied));
            });
          },
        );
        onward.on("error", () => answer.destroy());
        onward.end(body);
      });
    });
  const servers = SERVICES.map((service) =>
    proxy(service, new URL(process.env[`AWS_ENDPOINT_URL_${service}`] as string)),
  );
  const endpoints = await Promise.all(servers.map((server) => listen(server)));
  try {
    const overrides = Object.fromEntries(SERVICES.map((s, i) => [`AWS_ENDPOINT_URL_${s}`, endpoints[i]]));
    const run = spawn(process.execPath, ["--import", "tsx", HANDLER_PROCESS, modulePath, eventFile], {
      env: { ...process.env, ...overrides },
      stdio: ["ignore", "pipe", "inherit"],
    });
    kill = () => run.kill("SIGKILL");
    let printed = "";
    run.stdout.on("data", (chunk) => {
      printed += chunk;
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      run.once("exit", (_code, how) => resolve(how)),
    );
    return { calls, killed, answer: signal === null ? JSON.parse(printed || "null") : undefined };
  } finally {
    for (const server of servers) server.closeAllConnections();
    await Promise.all(servers.map((server) => closeServer(server)));
    rmSync(dir, { recursive: true, force: true });
  }
}
