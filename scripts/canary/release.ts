// Starts the CodeDeploy canary of each released function after `sst deploy`: the `live` alias moves from
// the version it serves to the version the deploy published (10% for 5 minutes, then all, or rollback).
// The Api and the PatternDetector are released together or not at all, so the API never runs new code
// against an old workflow task (or the reverse) after a rejected release.
import { createHash } from "node:crypto";
import {
  type CodeDeployClient,
  CreateDeploymentCommand,
  GetDeploymentCommand,
  StopDeploymentCommand,
} from "@aws-sdk/client-codedeploy";
import { GetAliasCommand, type LambdaClient, UpdateAliasCommand } from "@aws-sdk/client-lambda";

/** One function to release, as infra/release.ts links it (`Resource.Release.targets`). */
export interface ReleaseTarget {
  function: string;
  alias: string;
  /** The version the last `sst deploy` published. */
  version: string;
  deploymentGroup: string;
}

/** `Resource.Release`: the CodeDeploy application and what it releases. */
export interface Release {
  application: string;
  targets: ReleaseTarget[];
}

/** What happened to one target. `RolledBack`: it succeeded, then went back because another target failed. */
export type CanaryOutcome =
  | { function: string; status: "unchanged"; version: string }
  | {
      function: string;
      status: "started" | "Succeeded" | "Failed" | "Stopped" | "RolledBack";
      alias: string;
      deploymentId: string;
      from: string;
      to: string;
    };

type Released = Extract<CanaryOutcome, { deploymentId: string }>;

/** The release as a whole did not happen; `outcomes` says where each function was left. */
export class ReleaseError extends Error {
  constructor(
    message: string,
    readonly outcomes: CanaryOutcome[] = [],
  ) {
    super(message);
    this.name = "ReleaseError";
  }
}

/** The AWS control-plane clients the starter calls (only `send` is used). */
export interface ReleaseClients {
  codeDeploy: Pick<CodeDeployClient, "send">;
  lambda: Pick<LambdaClient, "send">;
}

export interface CanaryOptions {
  /** Wait for each deployment to finish (succeed, fail or be stopped). */
  wait?: boolean;
  /** Delay between status checks while waiting. */
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The Lambda AppSpec that moves `alias` of `name` from `current` to `target`. CodeDeploy reads `version`
 * as a string and allows only "0.0"; a number (`0`) is rejected.
 * https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-version.html
 * https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-resources.html
 */
export function lambdaAppSpec(name: string, alias: string, current: string, target: string): string {
  return JSON.stringify({
    version: "0.0",
    Resources: [
      {
        [name]: {
          Type: "AWS::Lambda::Function",
          Properties: { Name: name, Alias: alias, CurrentVersion: current, TargetVersion: target },
        },
      },
    ],
  });
}

/** Checks the shape of `Resource.Release` so a wrong link fails with a clear message. */
export function parseRelease(value: unknown): Release {
  const release = value as Partial<Release> | undefined;
  const targets = release?.targets;
  if (!release?.application || !Array.isArray(targets) || targets.length === 0) {
    throw new Error(
      "Resource.Release must name an application and at least one target (run inside `sst shell`)",
    );
  }
  for (const t of targets) {
    if (!t?.function || !t.alias || !t.deploymentGroup || !/^\d+$/.test(String(t.version))) {
      throw new Error(
        `invalid release target ${JSON.stringify(t)}: needs function, alias, deploymentGroup, version`,
      );
    }
  }
  return release as Release;
}

const FINAL = new Set(["Succeeded", "Failed", "Stopped"]);

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Stops a deployment and has CodeDeploy put the alias back where it was. */
async function stopAndRollBack(clients: ReleaseClients, deploymentId: string) {
  await clients.codeDeploy.send(new StopDeploymentCommand({ deploymentId, autoRollbackEnabled: true }));
}

/**
 * Releases every target or none. It reads every alias before starting anything; when CodeDeploy rejects
 * one deployment, the ones already started are stopped and rolled back; while waiting, the first failure
 * stops the others, and a target that had already succeeded has its alias put back. A failed release
 * throws a {@link ReleaseError} saying where each function was left.
 * @example
 * const outcomes = await startCanary(release, { codeDeploy: new CodeDeployClient({}), lambda: new LambdaClient({}) });
 */
export async function startCanary(
  release: Release,
  clients: ReleaseClients,
  options: CanaryOptions = {},
): Promise<CanaryOutcome[]> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const plan = await Promise.all(
    release.targets.map(async (target) => {
      try {
        const alias = await clients.lambda.send(
          new GetAliasCommand({ FunctionName: target.function, Name: target.alias }),
        );
        return { target, current: alias.FunctionVersion ?? "" };
      } catch (error) {
        throw new ReleaseError(
          `release not started: ${target.function}:${target.alias} could not be read (${messageOf(error)})`,
        );
      }
    }),
  );

  const outcomes: CanaryOutcome[] = [];
  for (const { target, current } of plan) {
    if (current === target.version) {
      outcomes.push({ function: target.function, status: "unchanged", version: current });
      continue;
    }
    const content = lambdaAppSpec(target.function, target.alias, current, target.version);
    try {
      const { deploymentId } = await clients.codeDeploy.send(
        new CreateDeploymentCommand({
          applicationName: release.application,
          deploymentGroupName: target.deploymentGroup,
          description: `${target.function}:${target.alias} ${current} -> ${target.version}`,
          revision: {
            revisionType: "AppSpecContent",
            appSpecContent: { content, sha256: createHash("sha256").update(content).digest("hex") },
          },
        }),
      );
      if (!deploymentId) throw new Error("CodeDeploy returned no deployment id");
      outcomes.push({
        function: target.function,
        status: "started",
        alias: target.alias,
        deploymentId,
        from: current,
        to: target.version,
      });
    } catch (error) {
      const started = outcomes.filter((o): o is Released => o.status === "started");
      for (const o of started) {
        await stopAndRollBack(clients, o.deploymentId);
        o.status = "Stopped";
      }
      const undone = started.map((o) => `${o.function} (${o.deploymentId})`).join(", ");
      throw new ReleaseError(
        `release rejected: ${target.function}: ${messageOf(error)}${undone ? `; stopped and rolled back ${undone}` : ""}`,
        outcomes,
      );
    }
  }
  if (!options.wait) return outcomes;
  return waitForAll(outcomes, clients, options.pollMs ?? 15_000, sleep);
}

/** Follows the deployments to the end; the first failure stops the rest and puts succeeded aliases back. */
async function waitForAll(
  outcomes: CanaryOutcome[],
  clients: ReleaseClients,
  pollMs: number,
  sleep: (ms: number) => Promise<void>,
): Promise<CanaryOutcome[]> {
  const released = outcomes.filter((o): o is Released => o.status === "started");
  let stopping = false;
  for (;;) {
    for (const o of released.filter((r) => r.status === "started")) {
      const { deploymentInfo } = await clients.codeDeploy.send(
        new GetDeploymentCommand({ deploymentId: o.deploymentId }),
      );
      const status = deploymentInfo?.status ?? "";
      if (FINAL.has(status)) o.status = status as Released["status"];
    }
    const failed = released.some((o) => o.status === "Failed" || o.status === "Stopped");
    if (failed && !stopping) {
      stopping = true;
      for (const o of released.filter((r) => r.status === "started"))
        await stopAndRollBack(clients, o.deploymentId);
    }
    if (released.every((o) => o.status !== "started")) break;
    await sleep(pollMs);
  }
  if (stopping) {
    for (const o of released.filter((r) => r.status === "Succeeded")) {
      await clients.lambda.send(
        new UpdateAliasCommand({
          FunctionName: o.function,
          Name: o.alias,
          FunctionVersion: o.from,
          RoutingConfig: { AdditionalVersionWeights: {} },
        }),
      );
      o.status = "RolledBack";
    }
  }
  return outcomes;
}
