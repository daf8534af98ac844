// The release script against a local endpoint that answers as CodeDeploy and Lambda do (real SDK v3
// clients): the AppSpec it sends, when it does nothing, and that a release happens whole or not at all.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CodeDeployClient } from "@aws-sdk/client-codedeploy";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { afterEach, describe, expect, it } from "vitest";
import {
  lambdaAppSpec,
  parseRelease,
  type Release,
  type ReleaseClients,
  ReleaseError,
  startCanary,
} from "../scripts/canary/release";
import {
  type ControlPlane,
  type ControlPlaneCall,
  clientConfig,
  jsonError,
  restError,
  startControlPlane,
} from "../scripts/testing/control-plane";

const run = promisify(execFile);

const release: Release = {
  application: "stock-patterns-production-release",
  targets: [
    { function: "api-fn", alias: "live", version: "7", deploymentGroup: "stock-patterns-production-Api" },
    {
      function: "detector-fn",
      alias: "live",
      version: "4",
      deploymentGroup: "stock-patterns-production-PatternDetector",
    },
  ],
};
const noWait = async () => {};

interface Scenario {
  /** Alias versions by function; a missing function answers ResourceNotFoundException. */
  aliases: Record<string, string>;
  /** Deployment group whose CreateDeployment CodeDeploy rejects. */
  rejectGroup?: string;
  /** Final status per deployment group, reached after `steps` GetDeployment calls. */
  finals?: Record<string, { status: string; steps: number }>;
}

let plane: ControlPlane | undefined;
afterEach(async () => {
  await plane?.close();
  plane = undefined;
});

/** CodeDeploy (JSON 1.1) and Lambda (REST-JSON) answering as their API references document. */
async function controlPlane(scenario: Scenario) {
  const groups = new Map<string, string>();
  const polls = new Map<string, number>();
  plane = await startControlPlane((call: ControlPlaneCall) => {
    const alias = call.operation.match(/^(GET|PUT) \/2015-03-31\/functions\/([^/]+)\/aliases\/([^/]+)$/);
    if (alias) {
      // The three groups are not optional: a match has them all.
      const [, method, fn = "", name = ""] = alias;
      if (method === "PUT") {
        const body = JSON.parse(String(call.input.body)) as { FunctionVersion: string };
        scenario.aliases[fn] = body.FunctionVersion;
      }
      const version = scenario.aliases[fn];
      if (!version) return restError("ResourceNotFoundException", `Function not found: ${fn}`, 404);
      return {
        body: {
          AliasArn: `arn:aws:lambda:us-east-1:123456789012:function:${fn}:${name}`,
          Name: name,
          FunctionVersion: version,
        },
      };
    }
    const input = call.input as Record<string, string>;
    switch (call.operation) {
      case "CodeDeploy_20141006.CreateDeployment": {
        if (input.deploymentGroupName === scenario.rejectGroup)
          return jsonError("InvalidRevisionException", "The AppSpec file is not valid");
        if (!input.deploymentGroupName)
          return jsonError(
            "DeploymentGroupNameRequiredException",
            "The deployment group name was not specified",
          );
        const id = `d-${groups.size + 1}`;
        groups.set(id, input.deploymentGroupName);
        return { body: { deploymentId: id } };
      }
      case "CodeDeploy_20141006.GetDeployment": {
        const id = input.deploymentId;
        if (!id)
          return jsonError("DeploymentIdRequiredException", "At least one deployment ID must be specified");
        const seen = (polls.get(id) ?? 0) + 1;
        polls.set(id, seen);
        const final = scenario.finals?.[groups.get(id) ?? ""] ?? { status: "Succeeded", steps: 2 };
        const status = seen >= final.steps ? final.status : "InProgress";
        return { body: { deploymentInfo: { deploymentId: id, status } } };
      }
      case "CodeDeploy_20141006.StopDeployment":
        return { body: { status: "Pending", statusMessage: "Stopping" } };
      default:
        return undefined;
    }
  });
  const active = plane;
  const clients: ReleaseClients = {
    codeDeploy: new CodeDeployClient(clientConfig(active)),
    lambda: new LambdaClient(clientConfig(active)),
  };
  const called = (operation: string) =>
    active.calls.filter((c) => c.operation === operation).map((c) => c.input as Record<string, unknown>);
  return { clients, called, calls: active.calls, plane: active };
}

describe("the AppSpec", () => {
  it("is what CodeDeploy reads for Lambda: version the string 0.0, the alias moving between versions", () => {
    const text = lambdaAppSpec("f", "live", "1", "2");
    expect(text).toContain('"version":"0.0"');
    const spec = JSON.parse(text);
    expect(spec.version).toBe("0.0");
    expect(spec.Resources).toEqual([
      {
        f: {
          Type: "AWS::Lambda::Function",
          Properties: { Name: "f", Alias: "live", CurrentVersion: "1", TargetVersion: "2" },
        },
      },
    ]);
  });
});

describe("startCanary", () => {
  it("asks CodeDeploy to move each live alias from its current to the published version", async () => {
    const { clients, called } = await controlPlane({ aliases: { "api-fn": "6", "detector-fn": "3" } });
    const outcomes = await startCanary(release, clients);
    expect(outcomes).toEqual([
      { function: "api-fn", status: "started", alias: "live", deploymentId: "d-1", from: "6", to: "7" },
      { function: "detector-fn", status: "started", alias: "live", deploymentId: "d-2", from: "3", to: "4" },
    ]);
    const created = called("CodeDeploy_20141006.CreateDeployment");
    expect(created.map((c) => c.deploymentGroupName)).toEqual([
      "stock-patterns-production-Api",
      "stock-patterns-production-PatternDetector",
    ]);
    const revision = created[0]?.revision as {
      revisionType: string;
      appSpecContent: { content: string; sha256: string };
    };
    expect(revision.revisionType).toBe("AppSpecContent");
    expect(revision.appSpecContent.content).toBe(lambdaAppSpec("api-fn", "live", "6", "7"));
    expect(revision.appSpecContent.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(created[0]?.applicationName).toBe(release.application);
  });

  it("leaves a function alone when its alias already serves the published version", async () => {
    const { clients, called } = await controlPlane({ aliases: { "api-fn": "7", "detector-fn": "3" } });
    const outcomes = await startCanary(release, clients);
    expect(outcomes[0]).toEqual({ function: "api-fn", status: "unchanged", version: "7" });
    expect(called("CodeDeploy_20141006.CreateDeployment").map((c) => c.deploymentGroupName)).toEqual([
      "stock-patterns-production-PatternDetector",
    ]);
  });

  it("waits for each deployment to finish", async () => {
    const { clients, called } = await controlPlane({ aliases: { "api-fn": "6", "detector-fn": "3" } });
    const outcomes = await startCanary(release, clients, { wait: true, sleep: noWait });
    expect(outcomes.map((o) => o.status)).toEqual(["Succeeded", "Succeeded"]);
    expect(called("CodeDeploy_20141006.GetDeployment")).toHaveLength(4);
    expect(called("CodeDeploy_20141006.StopDeployment")).toEqual([]);
  });

  it("starts nothing when an alias cannot be read", async () => {
    const { clients, called } = await controlPlane({ aliases: { "detector-fn": "3" } });
    await expect(startCanary(release, clients)).rejects.toThrow(
      /^release not started: api-fn:live could not be read \(Function not found: api-fn\)$/,
    );
    expect(called("CodeDeploy_20141006.CreateDeployment")).toEqual([]);
  });

  it("stops and rolls back what it started when CodeDeploy rejects a deployment", async () => {
    const { clients, called } = await controlPlane({
      aliases: { "api-fn": "6", "detector-fn": "3" },
      rejectGroup: "stock-patterns-production-PatternDetector",
    });
    const failure = await startCanary(release, clients).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ReleaseError);
    expect((failure as ReleaseError).message).toBe(
      "release rejected: detector-fn: The AppSpec file is not valid; stopped and rolled back api-fn (d-1)",
    );
    expect((failure as ReleaseError).outcomes.map((o) => o.status)).toEqual(["Stopped"]);
    expect(called("CodeDeploy_20141006.StopDeployment")).toEqual([
      { deploymentId: "d-1", autoRollbackEnabled: true },
    ]);
  });

  it("stops the other release when one is rolled back, and puts an already succeeded alias back", async () => {
    const { clients, called } = await controlPlane({
      aliases: { "api-fn": "6", "detector-fn": "3" },
      finals: {
        "stock-patterns-production-Api": { status: "Succeeded", steps: 1 },
        "stock-patterns-production-PatternDetector": { status: "Stopped", steps: 2 },
      },
    });
    const outcomes = await startCanary(release, clients, { wait: true, sleep: noWait });
    expect(outcomes.map((o) => [o.function, o.status])).toEqual([
      ["api-fn", "RolledBack"],
      ["detector-fn", "Stopped"],
    ]);
    expect(
      called("PUT /2015-03-31/functions/api-fn/aliases/live").map((c) => JSON.parse(String(c.body))),
    ).toEqual([{ FunctionVersion: "6", RoutingConfig: { AdditionalVersionWeights: {} } }]);
  });

  it("stops a release still in progress when the other fails", async () => {
    const { clients, called } = await controlPlane({
      aliases: { "api-fn": "6", "detector-fn": "3" },
      finals: {
        "stock-patterns-production-Api": { status: "Failed", steps: 1 },
        "stock-patterns-production-PatternDetector": { status: "Stopped", steps: 3 },
      },
    });
    const outcomes = await startCanary(release, clients, { wait: true, sleep: noWait });
    expect(outcomes.map((o) => o.status)).toEqual(["Failed", "Stopped"]);
    expect(called("CodeDeploy_20141006.StopDeployment")).toEqual([
      { deploymentId: "d-2", autoRollbackEnabled: true },
    ]);
  });
});

describe("scripts/canary/start.ts", () => {
  it("exits 1 with the reason on stderr when the release is rejected, and reports where each function is", async () => {
    const { plane: active } = await controlPlane({
      aliases: { "api-fn": "6", "detector-fn": "3" },
      rejectGroup: "stock-patterns-production-PatternDetector",
    });
    const failure = (await run("npx", ["tsx", "scripts/canary/start.ts"], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      env: {
        ...process.env,
        SST_RESOURCE_Release: JSON.stringify(release),
        AWS_ENDPOINT_URL: active.url,
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: "AKIDTEST",
        AWS_SECRET_ACCESS_KEY: "test-secret",
        AWS_MAX_ATTEMPTS: "1",
        // The SDK's notice about Node versions is a process warning, not the script's output.
        NODE_NO_WARNINGS: "1",
      },
    }).catch((error: unknown) => error)) as { code: number; stdout: string; stderr: string };
    expect(failure.code).toBe(1);
    expect(failure.stderr).toBe(
      "release rejected: detector-fn: The AppSpec file is not valid; stopped and rolled back api-fn (d-1)\n",
    );
    expect(failure.stdout).toBe("api-fn: Stopped 6 -> 7 (d-1)\n");
  });
});

describe("parseRelease", () => {
  it("accepts an application with complete targets", () => {
    expect(parseRelease(release)).toBe(release);
  });

  it("rejects a missing or malformed release with the reason", () => {
    expect(() => parseRelease(undefined)).toThrow("run inside `sst shell`");
    expect(() =>
      parseRelease({ application: "a", targets: [{ function: "f", alias: "live", version: "x" }] }),
    ).toThrow(/invalid release target/);
  });
});
