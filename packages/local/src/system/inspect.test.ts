// npm start --inspect: the functions' runtime opens Node's inspector on the port given, and a debugger
// attached there pauses a handler at a breakpoint placed through the bundle's source map on a line of its
// TypeScript, as VS Code's attach does: here the API's GET /health, its answer held until resumed.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { SourceMap, type SourceMapPayload } from "node:module";
import { tmpdir } from "node:os";
import { join, matchesGlob } from "node:path";
import { fileURLToPath } from "node:url";
import { closeServer, LOOPBACK, listen } from "@stock-patterns/emulators";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_INSPECT_PORT, HELP } from "../cli/options";
import { QUICK_POLLING } from "../runtime/config";
import { REPO_ROOT } from "./paths";
import { runtimeBundle } from "./runtime-bundle";
import { type LocalSystem, startSystem } from "./start-system";

const dir = mkdtempSync(join(tmpdir(), "local-inspect-"));
let system: LocalSystem | undefined;
afterAll(async () => {
  await system?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A loopback port free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  const port = Number(new URL(await listen(server, 0)).port);
  await closeServer(server);
  return port;
}

interface ScriptParsed {
  url: string;
  sourceMapURL?: string;
}

/** A client of the inspector's protocol on `webSocketUrl`: calls, and the events each method name gets. */
async function inspectorSession(webSocketUrl: string) {
  const socket = new WebSocket(webSocketUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let id = 0;
  const answers = new Map<number, (result: unknown) => void>();
  const events: { method: string; params: unknown }[] = [];
  const waiting: { method: string; found(params: unknown): void }[] = [];
  socket.onmessage = (message) => {
    const { id: answered, method, params, result, error } = JSON.parse(String(message.data));
    if (answered !== undefined)
      answers.get(answered)?.(error ? Promise.reject(new Error(error.message)) : result);
    if (method === undefined) return;
    events.push({ method, params });
    for (const wait of waiting.filter((w) => w.method === method)) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.found(params);
    }
  };
  return {
    call: <T>(method: string, params: object = {}) =>
      new Promise<T>((resolve) => {
        answers.set(++id, resolve as (result: unknown) => void);
        socket.send(JSON.stringify({ id, method, params }));
      }),
    events: (method: string) =>
      events.filter((event) => event.method === method).map((event) => event.params),
    next: <T>(method: string) => new Promise<T>((found) => waiting.push({ method, found: found as never })),
    close: () => socket.close(),
  };
}

/** The first generated position in `map` whose original is line `line` (0-based) of a source ending `file`. */
function generatedPositionOf(generated: string, map: SourceMap, file: string, line: number) {
  const lines = generated.split("\n");
  for (let lineNumber = 0; lineNumber < lines.length; lineNumber++) {
    for (let columnNumber = 0; columnNumber < (lines[lineNumber]?.length ?? 0); columnNumber++) {
      const entry = map.findEntry(lineNumber, columnNumber) as {
        originalSource?: string;
        originalLine?: number;
      };
      if (entry.originalSource?.endsWith(file) && entry.originalLine === line)
        return { lineNumber, columnNumber };
    }
  }
  throw new Error(`no generated position for ${file}:${line + 1}`);
}

describe("npm start --inspect", () => {
  it("opens the functions' runtime to a debugger: a breakpoint on a handler's TypeScript line holds its request there, and a stop lets the debugger go", async () => {
    const inspectPort = await freePort();
    system = await startSystem({ port: 0, outDir: dir, timing: QUICK_POLLING, inspectPort });

    const [target] = (await (await fetch(`http://${LOOPBACK}:${inspectPort}/json/list`)).json()) as {
      url: string;
      webSocketDebuggerUrl: string;
    }[];
    expect(target?.url).toMatch(/\/node_modules\/\.cache\/stock-patterns\/runtime\/\w+\/main\.js$/);
    const inspector = await inspectorSession(target?.webSocketDebuggerUrl ?? "");
    try {
      await inspector.call("Debugger.enable");
      // The API's routes as bundled, with the map that leads back to their TypeScript.
      const app = (inspector.events("Debugger.scriptParsed") as ScriptParsed[]).find((script) =>
        /\/app-\w+\.js$/.test(script.url),
      );
      expect(app?.sourceMapURL).toMatch(/^app-\w+\.js\.map$/);
      const bundled = fileURLToPath(app?.url ?? "");
      const map = new SourceMap(
        JSON.parse(readFileSync(join(bundled, "..", app?.sourceMapURL ?? ""), "utf8")) as SourceMapPayload,
      );
      const source = "packages/functions/src/api/app.ts";
      const healthLine = readFileSync(join(REPO_ROOT, source), "utf8")
        .split("\n")
        .findIndex((line) => line.includes('c.json({ status: "ok"'));
      expect(healthLine).toBeGreaterThan(0);
      const at = generatedPositionOf(readFileSync(bundled, "utf8"), map, source, healthLine);
      await inspector.call("Debugger.setBreakpointByUrl", { url: app?.url, ...at });

      const paused = inspector.next<{ callFrames: { callFrameId: string; location: typeof at }[] }>(
        "Debugger.paused",
      );
      const answer = fetch(`${system.apiUrl}/health`, { headers: { "x-api-key": system.apiKeys.reader } });
      const { callFrames } = await paused;
      const [frame] = callFrames;
      const where = map.findEntry(frame?.location.lineNumber ?? -1, frame?.location.columnNumber ?? -1) as {
        originalSource?: string;
        originalLine?: number;
      };
      expect(where.originalSource?.endsWith(source)).toBe(true);
      expect(where.originalLine).toBe(healthLine);
      // The handler's own variables, by their TypeScript names: Hono's context for this request.
      const path = await inspector.call<{ result: { value: unknown } }>("Debugger.evaluateOnCallFrame", {
        callFrameId: frame?.callFrameId,
        expression: "c.req.path",
        returnByValue: true,
      });
      expect(path.result.value).toBe("/health");
      // Held at the breakpoint, the request has no answer yet.
      const early = await Promise.race([
        answer.then(() => "answered"),
        new Promise((r) => setTimeout(r, 500, "held")),
      ]);
      expect(early).toBe("held");
      await inspector.call("Debugger.resume");
      const response = await answer;
      expect(response.status).toBe(200);
      expect(((await response.json()) as { status: string }).status).toBe("ok");
      // Stopped with the debugger still attached: the runtime lets it go rather than wait for it to leave
      // (Node's "Waiting for the debugger to disconnect...", which held the stop until its 15 s grace ran out).
      await system.stop();
      system = undefined;
      const said = readFileSync(join(dir, "logs", "functions.log"), "utf8");
      expect(said).toContain("Debugger attached.");
      expect(said).not.toContain("Waiting for the debugger to disconnect");
    } finally {
      inspector.close();
    }
  }, 120_000);

  it("has VS Code's attach configuration in the repository, for the port, the bundle and the sources npm start uses", async () => {
    const { configurations } = JSON.parse(
      readFileSync(join(REPO_ROOT, ".vscode", "launch.json"), "utf8"),
    ) as {
      configurations: {
        name: string;
        port: number;
        outFiles: string[];
        resolveSourceMapLocations: string[];
      }[];
    };
    const attach = configurations.find(
      (configuration) => configuration.name === "Attach to the functions' runtime",
    );
    expect(HELP).toContain(`VS Code: "${attach?.name}"`);
    expect(attach?.port).toBe(DEFAULT_INSPECT_PORT);
    // js-debug's defaults leave out node_modules, where the bundle is cached: without these globs its source
    // maps are not read and a breakpoint in the TypeScript never binds.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: VS Code's variable, put in as VS Code puts it in.
    const inWorkspace = (glob: string) => glob.replace("${workspaceFolder}", REPO_ROOT);
    const { main } = await runtimeBundle();
    expect(attach?.outFiles.some((glob) => matchesGlob(main, inWorkspace(glob)))).toBe(true);
    const handler = join(REPO_ROOT, "packages/functions/src/api/app.ts");
    expect(attach?.resolveSourceMapLocations.some((glob) => matchesGlob(main, inWorkspace(glob)))).toBe(true);
    expect(attach?.resolveSourceMapLocations.some((glob) => matchesGlob(handler, inWorkspace(glob)))).toBe(
      true,
    );
  });
});
