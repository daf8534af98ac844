// A handler stopped dead (SIGKILL: a crash, a Lambda timeout) at the moment it tells a lifecycle message:
// it runs in a process of its own (test/handler-process.ts) behind an SNS endpoint that passes every call
// on to the emulator except a lifecycle message's Publish, which kills the process instead.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type LifecycleMessage, lifecycleMessageSchema } from "@stock-patterns/core/contracts";
import { closeServer, listen } from "@stock-patterns/emulators";

const HANDLER_PROCESS = fileURLToPath(new URL("./handler-process.ts", import.meta.url));

/** The lifecycle message a Publish request carries (JSON or query protocol), if any. */
function lifecycleIn(body: string): LifecycleMessage | undefined {
  if (!body.includes("lifecycle")) return undefined;
  const text = body.startsWith("{")
    ? (JSON.parse(body) as { Message?: string }).Message
    : new URLSearchParams(body).get("Message");
  const parsed = lifecycleMessageSchema.safeParse(JSON.parse(text ?? "null"));
  return parsed.success ? parsed.data : undefined;
}

/** What a run stopped at a lifecycle message left: the messages held back, or the handler's answer. */
export interface KilledRun {
  /** The lifecycle messages that never reached SNS (empty when the run finished). */
  held: LifecycleMessage[];
  /** The handler's answer, when it finished. */
  answer: unknown;
}

/**
 * Runs `handler` of the module at `modulePath` on `event` in a process of its own, killed when it
 * publishes its first lifecycle message.
 *
 * @example
 * const { held } = await killedOnLifecycle(CONSUMER, kinesisEvent); // held: [the breakout never sent]
 */
export async function killedOnLifecycle(modulePath: string, event: unknown): Promise<KilledRun> {
  const dir = mkdtempSync(join(tmpdir(), "killed-on-lifecycle-"));
  const eventFile = join(dir, "event.json");
  writeFileSync(eventFile, JSON.stringify(event));
  const held: LifecycleMessage[] = [];
  const target = new URL(process.env.AWS_ENDPOINT_URL_SNS as string);
  let kill = () => {};
  const sns = createServer((incoming, answer) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const body = Buffer.concat(chunks);
      const lifecycle = lifecycleIn(body.toString("utf8"));
      if (lifecycle) {
        held.push(lifecycle);
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
          answer.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(answer);
        },
      );
      onward.on("error", () => answer.destroy());
      onward.end(body);
    });
  });
  const endpoint = await listen(sns);
  try {
    const run = spawn(process.execPath, ["--import", "tsx", HANDLER_PROCESS, modulePath, eventFile], {
      env: { ...process.env, AWS_ENDPOINT_URL_SNS: endpoint },
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
    return { held, answer: signal === null ? JSON.parse(printed) : undefined };
  } finally {
    await closeServer(sns);
    rmSync(dir, { recursive: true, force: true });
  }
}
