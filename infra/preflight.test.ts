// `npm run preflight`: each check against a local endpoint that answers as STS, SSM, S3 and Lambda
// document it (the real SDK v3 clients run unchanged), and the command's lines and exit codes.
import { execFile } from "node:child_process";
import { createCipheriv, randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { S3Client } from "@aws-sdk/client-s3";
import { SSMClient } from "@aws-sdk/client-ssm";
import { STSClient } from "@aws-sdk/client-sts";
import { afterEach, describe, expect, inject, it } from "vitest";
import { preflight } from "../scripts/preflight/checks";
import { openSecrets } from "../scripts/preflight/sst-secrets";
import { resource, type SynthGraph } from "../scripts/synth/graph";
import {
  type ControlPlane,
  type ControlPlaneAnswer,
  type ControlPlaneCall,
  clientConfig,
  jsonError,
  startControlPlane,
} from "../scripts/testing/control-plane";

const run = promisify(execFile);
const STATE_BUCKET = "sst-state-abc123";
const KEYS = JSON.stringify([
  { name: "alice", role: "approver", sha256: "a".repeat(64) },
  { name: "bob", role: "reader", sha256: "b".repeat(64) },
  { name: "carol", role: "analyst", sha256: "c".repeat(64) },
]);

/** What `sst secret set` writes: AES-256-GCM under a random passphrase, nonce first and tag last. */
function seal(secrets: Record<string, string>) {
  const key = randomBytes(32);
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  const body = Buffer.concat([cipher.update(JSON.stringify(secrets)), cipher.final()]);
  return { passphrase: key.toString("base64"), sealed: Buffer.concat([nonce, body, cipher.getAuthTag()]) };
}

interface Account {
  /** Secrets per stage as `sst secret set` stored them; none means SST was never bootstrapped. */
  secrets?: Record<string, Record<string, string>>;
  unreserved?: number;
  total?: number;
  /** Functions deployed in the account: name, tags and the executions each reserves. */
  functions?: { name: string; tags: Record<string, string>; reserved?: number }[];
}

let plane: ControlPlane | undefined;
afterEach(async () => {
  await plane?.close();
  plane = undefined;
});

/** STS (Query/XML), SSM (JSON 1.1), S3 (REST/XML) and Lambda (REST-JSON) as their API references answer. */
async function account(state: Account) {
  const sealedByStage = new Map(Object.entries(state.secrets ?? {}).map(([stage, s]) => [stage, seal(s)]));
  plane = await startControlPlane((call: ControlPlaneCall): ControlPlaneAnswer | undefined => {
    if (call.operation === "sts:GetCallerIdentity") {
      return {
        body: `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/deployer</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      };
    }
    if (call.operation === "AmazonSSM.GetParameter") {
      const name = String(call.input.Name);
      const found =
        name === "/sst/bootstrap" && state.secrets
          ? {
              Type: "String",
              Value: JSON.stringify({ version: 2, asset: "sst-asset-abc123", state: STATE_BUCKET }),
            }
          : name.startsWith("/sst/passphrase/stock-patterns/") &&
              sealedByStage.has(name.split("/").at(-1) ?? "")
            ? { Type: "SecureString", Value: sealedByStage.get(name.split("/").at(-1) ?? "")?.passphrase }
            : undefined;
      if (!found) return jsonError("ParameterNotFound", "");
      return { body: { Parameter: { Name: name, Version: 1, DataType: "text", ...found } } };
    }
    const object = call.operation.match(
      new RegExp(`^GET /${STATE_BUCKET}/secret/stock-patterns/([\\w-]+)\\.json$`),
    );
    if (object) {
      const [, stage = ""] = object;
      const sealed = sealedByStage.get(stage)?.sealed;
      if (!sealed) {
        return {
          status: 404,
          body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>secret/stock-patterns/${object[1]}.json</Key><RequestId>r-2</RequestId></Error>`,
        };
      }
      return { body: sealed, headers: { "content-type": "application/json" } };
    }
    // GetAccountSettings: GET /2016-08-19/account-settings (the SDK sends it without a trailing slash).
    if (/^GET \/2016-08-19\/account-settings\/?$/.test(call.operation)) {
      return {
        body: {
          AccountLimit: {
            TotalCodeSize: 80530636800,
            CodeSizeUnzipped: 262144000,
            CodeSizeZipped: 52428800,
            ConcurrentExecutions: state.total ?? 1000,
            UnreservedConcurrentExecutions: state.unreserved ?? 1000,
          },
          AccountUsage: { TotalCodeSize: 0, FunctionCount: 0 },
        },
      };
    }
    // ListFunctions (GET /2015-03-31/functions/, two a page here so the marker is followed), ListTags
    // (GET /2017-03-31/tags/{ARN}) and GetFunctionConcurrency (GET /2019-09-30/functions/{name}/concurrency).
    const functions = state.functions ?? [];
    const arnOf = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
    if (/^GET \/2015-03-31\/functions\/?$/.test(call.operation)) {
      const start = Number(call.input.Marker ?? 0);
      const page = functions.slice(start, start + 2);
      return {
        body: {
          Functions: page.map((fn) => ({ FunctionName: fn.name, FunctionArn: arnOf(fn.name) })),
          ...(start + 2 < functions.length ? { NextMarker: String(start + 2) } : {}),
        },
      };
    }
    const tagged = call.operation.match(/^GET \/2017-03-31\/tags\/(.+)$/);
    const tags = functions.find((fn) => arnOf(fn.name) === tagged?.[1])?.tags;
    if (tags) return { body: { Tags: tags } };
    const concurrency = call.operation.match(/^GET \/2019-09-30\/functions\/([^/]+)\/concurrency$/);
    const reserving = functions.find((fn) => fn.name === concurrency?.[1]);
    if (reserving) {
      return {
        body: reserving.reserved === undefined ? {} : { ReservedConcurrentExecutions: reserving.reserved },
      };
    }
    return undefined;
  });
  const config = clientConfig(plane);
  return {
    sts: new STSClient(config),
    ssm: new SSMClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
    lambda: new LambdaClient(config),
  };
}

const summary = (lines: { check: string; ok: boolean }[]) =>
  lines.map((l) => `${l.ok ? "ok" : "FAIL"} ${l.check}`);

describe("preflight", () => {
  it("passes a ready account: stage, region, credentials, the ApiKeys secret, room for the reservation", async () => {
    const clients = await account({ secrets: { production: { ApiKeys: KEYS } }, unreserved: 1000 });
    const lines = await preflight("production", clients, "us-east-1");
    expect(summary(lines)).toEqual([
      "ok stage",
      "ok region",
      "ok credentials",
      "ok ApiKeys",
      "ok concurrency",
    ]);
    expect(lines.find((l) => l.check === "credentials")?.message).toBe(
      "account 123456789012 as arn:aws:iam::123456789012:user/deployer",
    );
    expect(lines.find((l) => l.check === "ApiKeys")?.message).toBe(
      "set: 3 keys (1 reader, 1 analyst, 1 approver)",
    );
    expect(lines.find((l) => l.check === "concurrency")?.message).toBe(
      "1000 unreserved executions; production reserves 50, leaving 950 (Lambda keeps at least 100)",
    );
  });

  it("says how to set ApiKeys on a fresh account, and that a new account cannot spare the reservation", async () => {
    const clients = await account({ unreserved: 10, total: 10 });
    const lines = await preflight("production", clients, "us-east-1");
    expect(summary(lines)).toEqual([
      "ok stage",
      "ok region",
      "ok credentials",
      "FAIL ApiKeys",
      "FAIL concurrency",
    ]);
    expect(lines[3]?.message).toBe(
      'not set for production, so SST refuses to deploy: printf %s "$API_KEYS" | npx sst secret set ApiKeys --stage production (docs/deploy.md step 1)',
    );
    expect(lines[4]?.message).toMatch(
      /^10 unreserved executions, but production reserves 50 and Lambda keeps 100: ask for a Lambda concurrent executions quota of at least 150 in us-east-1/,
    );
  });

  // UnreservedConcurrentExecutions is already net of every function's reservation, this stage's included:
  // deploying the stage again sets the PatternDetector's 50 where they are, taking nothing more from the
  // pool. https://docs.aws.amazon.com/lambda/latest/api/API_AccountLimit.html (UnreservedConcurrentExecutions),
  // https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
  it("counts what the stage's deployed functions already reserve, not only what a first deploy takes", async () => {
    const tags = (stage: string, fn: string) => ({
      Project: "stock-patterns",
      Environment: stage,
      CostCenter: "trading-analytics",
      Function: fn,
    });
    // The tags the deployed PatternDetector carries: the provider's defaults and its own Function tag.
    const production: SynthGraph = inject("production");
    const detector = resource(production, "aws:lambda/function:Function", "PatternDetectorFunction");
    expect({
      ...(production.providers.aws as { defaultTags: { tags: Record<string, string> } }).defaultTags.tags,
      ...(detector.inputs.tags as Record<string, string>),
    }).toEqual(tags("production", "PatternDetector"));
    const clients = await account({
      secrets: { production: { ApiKeys: KEYS } },
      total: 150,
      unreserved: 100,
      functions: [
        { name: "billing-report", tags: {} },
        {
          name: "stock-patterns-staging-PatternDetectorFunction-kdnsurea",
          tags: tags("staging", "PatternDetector"),
        },
        { name: "stock-patterns-production-ApiFunction-nbtmccuc", tags: tags("production", "Api") },
        {
          name: "stock-patterns-production-PatternDetectorFunction-orzcvhzv",
          tags: tags("production", "PatternDetector"),
          reserved: 50,
        },
      ],
    });
    const again = (await preflight("production", clients, "us-east-1")).find(
      (l) => l.check === "concurrency",
    );
    expect(again).toEqual({
      check: "concurrency",
      ok: true,
      message:
        "100 unreserved executions; production's functions already hold 50 of the 50 it reserves, leaving 100 (Lambda keeps at least 100)",
    });
    // The same account with the stage's function holding fewer: the deploy takes the difference, and fails.
    await plane?.close();
    const fewer = await account({
      secrets: { production: { ApiKeys: KEYS } },
      total: 140,
      unreserved: 110,
      functions: [
        {
          name: "stock-patterns-production-PatternDetectorFunction-orzcvhzv",
          tags: tags("production", "PatternDetector"),
          reserved: 30,
        },
      ],
    });
    const short = (await preflight("production", fewer, "us-east-1")).find((l) => l.check === "concurrency");
    expect(short?.ok).toBe(false);
    expect(short?.message).toMatch(
      /^110 unreserved executions, but production reserves 50 \(30 held already\) and Lambda keeps 100: ask for a Lambda concurrent executions quota of at least 150 in us-east-1/,
    );
  });

  it("finds a secret set for another stage only, or only as SST's fallback, and reads a bad value", async () => {
    const other = await account({ secrets: { staging: { ApiKeys: KEYS } } });
    expect((await preflight("production", other, "us-east-1"))[3]).toMatchObject({
      ok: false,
      check: "ApiKeys",
    });
    await plane?.close();
    const fallback = await account({ secrets: { _fallback: { ApiKeys: KEYS } } });
    expect((await preflight("alice", fallback, "us-east-1"))[3]).toMatchObject({
      ok: true,
      check: "ApiKeys",
    });
    await plane?.close();
    const bad = await account({
      secrets: { production: { ApiKeys: '[{"name":"a","role":"admin","sha256":"x"}]' } },
    });
    expect((await preflight("production", bad, "us-east-1"))[3]?.message).toMatch(/^set, but 0\.role /);
  });

  it("lets a personal stage through with no reservation, and stops a bad stage name before reading anything", async () => {
    const clients = await account({ secrets: { alice: { ApiKeys: KEYS } }, unreserved: 10, total: 10 });
    const lines = await preflight("alice", clients, "eu-west-1");
    expect(summary(lines)).toEqual([
      "ok stage",
      "FAIL region",
      "ok credentials",
      "ok ApiKeys",
      "ok concurrency",
    ]);
    expect(lines[1]?.message).toMatch(
      /says eu-west-1, the app deploys to us-east-1 .*: export AWS_REGION=us-east-1$/,
    );
    // No region configured cannot stop a deploy (sst.config.ts names it); the line says what to export.
    expect((await preflight("alice", clients, ""))[1]).toMatchObject({ ok: true, check: "region" });
    const calls = plane?.calls.length ?? 0;
    const bad = await preflight("Alice_1", clients, "us-east-1");
    expect(summary(bad)).toEqual(["FAIL stage", "ok region", "ok credentials"]);
    expect(bad[0]?.message).toMatch(/^"Alice_1" cannot be deployed: use 1-23 lowercase letters/);
    expect(plane?.calls.length).toBe(calls + 1);
  });

  it("opens what the SST CLI sealed, and refuses a wrong passphrase", () => {
    const { passphrase, sealed } = seal({ ApiKeys: KEYS });
    expect(openSecrets(sealed, passphrase)).toEqual({ ApiKeys: KEYS });
    expect(() => openSecrets(sealed, randomBytes(32).toString("base64"))).toThrow();
  });
});

describe("npm run preflight", () => {
  const cwd = fileURLToPath(new URL("..", import.meta.url));
  const env = (endpoint: string) => ({
    ...process.env,
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIDTEST",
    AWS_SECRET_ACCESS_KEY: "test-secret",
    AWS_MAX_ATTEMPTS: "1",
    NODE_NO_WARNINGS: "1",
  });

  it("prints one line per check and exits 1 when one fails", async () => {
    await account({ unreserved: 1000 });
    const failure = (await run("npx", ["tsx", "scripts/preflight.ts", "--stage", "production"], {
      cwd,
      env: env(String(plane?.url)),
    }).catch((error: unknown) => error)) as { code: number; stdout: string; stderr: string };
    expect(failure.code).toBe(1);
    expect(
      failure.stdout
        .trimEnd()
        .split("\n")
        .map((line) => line.split(":")[0]),
    ).toEqual(["ok   stage", "ok   region", "ok   credentials", "FAIL ApiKeys", "ok   concurrency"]);
  });

  it("exits 2 with the usage on stderr without --stage", async () => {
    const failure = (await run("npx", ["tsx", "scripts/preflight.ts"], {
      cwd,
      env: env("http://127.0.0.1:9"),
    }).catch((error: unknown) => error)) as { code: number; stderr: string };
    expect(failure.code).toBe(2);
    expect(failure.stderr).toBe("the stage is missing\nusage: npm run preflight -- --stage NAME\n");
  });

  it("exits 2 naming the option meant for a misspelt one, and the synth a stage the app refuses, without a trace", async () => {
    const refused = async (args: string[]) =>
      (await run("npx", ["tsx", ...args], { cwd, env: env("http://127.0.0.1:9") }).catch(
        (error: unknown) => error,
      )) as { code: number; stdout: string; stderr: string };
    const typo = await refused(["scripts/preflight.ts", "--stag", "production"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe(
      "Unknown option '--stag' (did you mean --stage?)\nusage: npm run preflight -- --stage NAME\n",
    );
    const capital = await refused(["scripts/synth.ts", "--stage", "Alice"]);
    expect(capital.code).toBe(2);
    expect(capital.stderr).toMatch(
      /^Stage "Alice" cannot be deployed: use 1-23 lowercase letters.*\nusage: npm run synth -- --stage NAME \[--dev\]\n$/,
    );
    expect(capital.stdout).toBe("");
  });
});
