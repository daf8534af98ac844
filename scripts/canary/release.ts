// Starts the CodeDeploy canary of each released function after `sst deploy`: the `live` alias moves from
// the version it serves to the version the deploy published (10% for 5 minutes, then all, or rollback).
import { createHash } from "node:crypto";
import {
  type CodeDeployClient,
  CreateDeploymentCommand,
  GetDeploymentCommand,
} from "@aws-sdk/client-codedeploy";
import { GetAliasCommand, type LambdaClient } from "@aws-sdk/client-lambda";

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

/** What happened to one target. */
export type CanaryOutcome =
  | { function: string; status: "unchanged"; version: string }
  | {
      function: string;
      status: "started" | "Succeeded" | "Failed" | "Stopped";
      deploymentId: string;
      from: string;
      to: string;
    };

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

/** The Lambda AppSpec that moves `alias` of `name` from `current` to `target`. */
export function lambdaAppSpec(name: string, alias: string, current: string, target: string): string {
  return JSON.stringify({
    version: 0.0,
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

/**
 * Starts one CodeDeploy deployment per target whose alias is not already on the published version.
 * @example
 * const outcomes = await startCanary(release, { codeDeploy: new CodeDeployClient({}), lambda: new LambdaClient({}) });
 */
export async function startCanary(release: Release, clients: ReleaseClients, options: CanaryOptions = {}) {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const started = await Promise.all(
    release.targets.map(async (target) => {
      const alias = await clients.lambda.send(
        new GetAliasCommand({ FunctionName: target.function, Name: target.alias }),
      );
      const current = alias.FunctionVersion ?? "";
      if (current === target.version) {
        return { function: target.function, status: "unchanged", version: current } as const;
      }
      const content = lambdaAppSpec(target.function, target.alias, current, target.version);
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
      if (!deploymentId) throw new Error(`CodeDeploy returned no deployment id for ${target.function}`);
      return {
        function: target.function,
        status: "started",
        deploymentId,
        from: current,
        to: target.version,
      } as const;
    }),
  );
  if (!options.wait) return started as CanaryOutcome[];
  return Promise.all(
    started.map(async (outcome): Promise<CanaryOutcome> => {
      if (outcome.status === "unchanged") return outcome;
      for (;;) {
        const { deploymentInfo } = await clients.codeDeploy.send(
          new GetDeploymentCommand({ deploymentId: outcome.deploymentId }),
        );
        const status = deploymentInfo?.status ?? "";
        if (FINAL.has(status)) return { ...outcome, status: status as "Succeeded" | "Failed" | "Stopped" };
        await sleep(options.pollMs ?? 15_000);
      }
    }),
  );
}
