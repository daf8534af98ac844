// The canary starter against a stubbed AWS control plane (CodeDeploy and Lambda's GetAlias): what it asks
// CodeDeploy to do, when it does nothing, and how it reports the outcome.
import {
  CreateDeploymentCommand,
  type CreateDeploymentCommandInput,
  GetDeploymentCommand,
} from "@aws-sdk/client-codedeploy";
import { GetAliasCommand } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import {
  lambdaAppSpec,
  parseRelease,
  type Release,
  type ReleaseClients,
  startCanary,
} from "../scripts/canary/release";

/** A control plane in memory: alias versions, and deployments that finish after `steps` status checks. */
function controlPlane(aliases: Record<string, string>, finalStatus = "Succeeded", steps = 2) {
  const created: CreateDeploymentCommandInput[] = [];
  const checks = new Map<string, number>();
  const clients: ReleaseClients = {
    lambda: {
      send: (async (command: unknown) => {
        if (!(command instanceof GetAliasCommand)) throw new Error("unexpected Lambda call");
        const version = aliases[String(command.input.FunctionName)];
        if (!version)
          throw Object.assign(new Error("Function not found"), { name: "ResourceNotFoundException" });
        return { Name: command.input.Name, FunctionVersion: version };
      }) as ReleaseClients["lambda"]["send"],
    },
    codeDeploy: {
      send: (async (command: unknown) => {
        if (command instanceof CreateDeploymentCommand) {
          created.push(command.input);
          return { deploymentId: `d-${created.length}` };
        }
        if (command instanceof GetDeploymentCommand) {
          const id = String(command.input.deploymentId);
          const seen = (checks.get(id) ?? 0) + 1;
          checks.set(id, seen);
          return { deploymentInfo: { deploymentId: id, status: seen >= steps ? finalStatus : "InProgress" } };
        }
        throw new Error("unexpected CodeDeploy call");
      }) as ReleaseClients["codeDeploy"]["send"],
    },
  };
  return { clients, created, checks };
}

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

describe("startCanary", () => {
  it("asks CodeDeploy to move each live alias from its current to the published version", async () => {
    const plane = controlPlane({ "api-fn": "6", "detector-fn": "3" });
    const outcomes = await startCanary(release, plane.clients);
    expect(outcomes).toEqual([
      { function: "api-fn", status: "started", deploymentId: "d-1", from: "6", to: "7" },
      { function: "detector-fn", status: "started", deploymentId: "d-2", from: "3", to: "4" },
    ]);
    expect(plane.created.map((c) => c.deploymentGroupName)).toEqual([
      "stock-patterns-production-Api",
      "stock-patterns-production-PatternDetector",
    ]);
    const revision = plane.created[0].revision?.appSpecContent;
    expect(JSON.parse(String(revision?.content))).toEqual({
      version: 0,
      Resources: [
        {
          "api-fn": {
            Type: "AWS::Lambda::Function",
            Properties: { Name: "api-fn", Alias: "live", CurrentVersion: "6", TargetVersion: "7" },
          },
        },
      ],
    });
    expect(revision?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(plane.created[0]).toMatchObject({ applicationName: release.application });
  });

  it("leaves a function alone when its alias already serves the published version", async () => {
    const plane = controlPlane({ "api-fn": "7", "detector-fn": "3" });
    const outcomes = await startCanary(release, plane.clients);
    expect(outcomes[0]).toEqual({ function: "api-fn", status: "unchanged", version: "7" });
    expect(plane.created.map((c) => c.deploymentGroupName)).toEqual([
      "stock-patterns-production-PatternDetector",
    ]);
  });

  it("waits for each deployment to finish and reports a rollback", async () => {
    const plane = controlPlane({ "api-fn": "6", "detector-fn": "3" }, "Stopped", 3);
    const outcomes = await startCanary(release, plane.clients, { wait: true, sleep: noWait });
    expect(outcomes.map((o) => o.status)).toEqual(["Stopped", "Stopped"]);
    expect([...plane.checks.values()]).toEqual([3, 3]);
  });

  it("fails clearly when a function does not exist", async () => {
    const plane = controlPlane({ "detector-fn": "3" });
    await expect(startCanary(release, plane.clients)).rejects.toThrow("Function not found");
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

  it("builds an AppSpec CodeDeploy reads for Lambda", () => {
    expect(JSON.parse(lambdaAppSpec("f", "live", "1", "2")).Resources[0].f.Properties).toEqual({
      Name: "f",
      Alias: "live",
      CurrentVersion: "1",
      TargetVersion: "2",
    });
  });
});
