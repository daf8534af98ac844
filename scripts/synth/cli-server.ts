// Stands in for the SST CLI's RPC server during the synth: SST components call it (via SST_SERVER)
// to bundle functions, register `sst dev` targets and look up the bootstrap bucket.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type BuildRequest, bundleFunction } from "./function-build";

/** The bootstrap resources `sst deploy` would find in the account (names only). */
export const BOOTSTRAP = {
  asset: "sst-asset-synth",
  assetEcrRegistryId: "123456789012",
  assetEcrUrl: "123456789012.dkr.ecr.us-east-1.amazonaws.com/sst-asset",
  state: "sst-state-synth",
  appsyncHttp: "synth.appsync-api.us-east-1.amazonaws.com",
  appsyncRealtime: "synth.appsync-realtime-api.us-east-1.amazonaws.com",
};

type Method = (params: Record<string, unknown>) => Promise<unknown>;

/** A function SST asked the CLI to build (deploy) or to serve live (`sst dev`), with its link names. */
export interface FunctionBuild {
  functionID: string;
  handler: string;
  links: string[];
  /** Links the bundled handler reads (deploy only; `sst dev` does not bundle). */
  reads?: string[];
  /** AWS SDK commands the bundled handler constructs (deploy only). */
  commands?: string[];
  /** Per linked resource, the actions the handler's own code calls there (deploy only). */
  calls?: Record<string, string[]>;
  /** Calls of the handler's own code tied to no one linked resource (deploy only; none expected). */
  unattributed?: string[];
  /** SDK commands constructed by dependencies, other than the document client's wrappers (deploy only). */
  foreign?: string[];
  /** The AWS SDK service client packages in the bundle (deploy only). */
  clients?: string[];
}

/** A running stand-in server; `url` goes into `SST_SERVER`, `calls` lists the methods asked for. */
export interface CliServer {
  url: string;
  calls: string[];
  functions: FunctionBuild[];
  close(): Promise<void>;
}

/**
 * Starts the stand-in on 127.0.0.1 (random port).
 * @example
 * const server = await startCliServer(root, work); process.env.SST_SERVER = server.url;
 */
export async function startCliServer(root: string, work: string): Promise<CliServer> {
  const calls: string[] = [];
  const functions: FunctionBuild[] = [];
  const record = (params: Record<string, unknown>) => {
    functions.push({
      functionID: String(params.functionID),
      handler: String(params.handler),
      links: Object.keys((params.links ?? {}) as object).sort(),
    });
  };
  const methods: Record<string, Method> = {
    "Provider.Aws.Bootstrap": async () => BOOTSTRAP,
    "Provider.Aws.Appsync": async () => ({
      http: BOOTSTRAP.appsyncHttp,
      realtime: BOOTSTRAP.appsyncRealtime,
    }),
    "Runtime.AddTarget": async (params) => {
      record(params);
      return {};
    },
    "Runtime.Build": async (params) => {
      record(params);
      const answer = await bundleFunction(root, work, params as unknown as BuildRequest);
      const build = functions.find((f) => f.functionID === String(params.functionID));
      if (build) {
        const { reads, commands, calls, unattributed, foreign, clients } = answer;
        Object.assign(build, { reads, commands, calls, unattributed, foreign, clients });
      }
      return answer;
    },
  };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", async () => {
      const { method, params } = JSON.parse(body) as { method: string; params: Record<string, unknown>[] };
      calls.push(method);
      const handler = methods[method];
      const reply = handler
        ? await handler(params[0] ?? {}).then(
            (result) => ({ result, error: null }),
            (error: Error) => ({ result: null, error: error.message }),
          )
        : { result: null, error: `rpc: can't find method ${method}` };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: null, ...reply }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    functions,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
