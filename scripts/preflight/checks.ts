// What can stop a `sst deploy` of this app, a first one above all, checked with the caller's AWS credentials
// before anything is created: the stage name, the credentials and region, the ApiKeys secret, and the Lambda
// concurrency the stage reserves. Each check gives one line that says what to do.
import {
  GetAccountSettingsCommand,
  GetFunctionConcurrencyCommand,
  type LambdaClient,
  ListFunctionsCommand,
  ListTagsCommand,
} from "@aws-sdk/client-lambda";
import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import { API_KEY_ROLES } from "@stock-patterns/core/contracts";
import {
  MIN_UNRESERVED_EXECUTIONS,
  RESERVED_EXECUTIONS,
  type ReservingFunction,
  totalReservedExecutions,
} from "../../infra/capacity";
import { APP_NAME, APP_REGION, stageNameProblem } from "../../infra/stage-name";
import { apiKeysSchema } from "../../packages/functions/src/api/keys";
import { type SecretClients, stageSecrets } from "./sst-secrets";

/** One check's outcome, printed as one line. */
export interface PreflightLine {
  check: "stage" | "credentials" | "region" | "ApiKeys" | "concurrency";
  ok: boolean;
  message: string;
}

/** Every client the checks call (only `send` is used). */
export interface PreflightClients extends SecretClients {
  sts: Pick<STSClient, "send">;
  lambda: Pick<LambdaClient, "send">;
}

const reason = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/** The ApiKeys secret of the stage (or SST's fallback): set, and readable by the Api. */
async function apiKeysLine(clients: SecretClients, stage: string): Promise<PreflightLine> {
  const setIt = `printf %s "$API_KEYS" | npx sst secret set ApiKeys --stage ${stage} (docs/deploy.md step 1)`;
  const secrets = {
    ...(await stageSecrets(clients, APP_NAME, "_fallback")),
    ...(await stageSecrets(clients, APP_NAME, stage)),
  };
  const value = secrets.ApiKeys;
  if (value === undefined)
    return {
      check: "ApiKeys",
      ok: false,
      message: `not set for ${stage}, so SST refuses to deploy: ${setIt}`,
    };
  let parsed: ReturnType<typeof apiKeysSchema.safeParse>;
  try {
    parsed = apiKeysSchema.safeParse(JSON.parse(value));
  } catch {
    return { check: "ApiKeys", ok: false, message: `set, but not JSON: ${setIt}` };
  }
  if (!parsed.success) {
    // zod reports at least one issue on a failed parse; its own message stands in should one ever lack it.
    const [issue] = parsed.error.issues;
    const reason = issue ? `${issue.path.join(".")} ${issue.message}` : parsed.error.message;
    return {
      check: "ApiKeys",
      ok: false,
      message: `set, but ${reason}: ${setIt}`,
    };
  }
  const keys = parsed.data;
  const byRole = API_KEY_ROLES.map((role) => `${keys.filter((key) => key.role === role).length} ${role}`);
  return { check: "ApiKeys", ok: true, message: `set: ${keys.length} keys (${byRole.join(", ")})` };
}

/**
 * The executions `stage`'s deployed functions reserve now, of those it reserves (0 before its first deploy).
 * A function is the stage's by the tags every one carries (sst.config.ts' Project and Environment, lambda.ts'
 * Function); its physical name, which SST draws, only narrows the functions whose tags are read.
 */
async function heldExecutions(lambda: Pick<LambdaClient, "send">, stage: string): Promise<number> {
  const reserving = Object.keys(RESERVED_EXECUTIONS[stage] ?? {}) as ReservingFunction[];
  let held = 0;
  let marker: string | undefined;
  do {
    const page = await lambda.send(new ListFunctionsCommand({ Marker: marker }));
    for (const { FunctionName = "", FunctionArn } of page.Functions ?? []) {
      const fn = reserving.find((name) => FunctionName.includes(`${name}Function`));
      if (!fn || !FunctionArn) continue;
      const { Tags = {} } = await lambda.send(new ListTagsCommand({ Resource: FunctionArn }));
      if (Tags.Project !== APP_NAME || Tags.Environment !== stage || Tags.Function !== fn) continue;
      const { ReservedConcurrentExecutions = 0 } = await lambda.send(
        new GetFunctionConcurrencyCommand({ FunctionName }),
      );
      held += ReservedConcurrentExecutions;
    }
    marker = page.NextMarker;
  } while (marker);
  return held;
}

/**
 * The account must keep 100 unreserved executions after the stage's reservations. The unreserved count is
 * already net of every reservation, so what the stage's deployed functions hold is not taken again.
 */
async function concurrencyLine(clients: PreflightClients, stage: string): Promise<PreflightLine> {
  const reserving = totalReservedExecutions(stage);
  const { AccountLimit } = await clients.lambda.send(new GetAccountSettingsCommand({}));
  const unreserved = AccountLimit?.UnreservedConcurrentExecutions ?? 0;
  if (reserving === 0) {
    return {
      check: "concurrency",
      ok: true,
      message: `${stage} reserves nothing; it shares the account's ${unreserved} unreserved executions`,
    };
  }
  const held = await heldExecutions(clients.lambda, stage);
  const taking = reserving - held;
  const needed = taking + MIN_UNRESERVED_EXECUTIONS;
  if (unreserved >= needed) {
    const reserves =
      held === 0
        ? `${stage} reserves ${reserving}`
        : `${stage}'s functions already hold ${held} of the ${reserving} it reserves`;
    return {
      check: "concurrency",
      ok: true,
      message: `${unreserved} unreserved executions; ${reserves}, leaving ${unreserved - taking} (Lambda keeps at least ${MIN_UNRESERVED_EXECUTIONS})`,
    };
  }
  const alreadyHeld = held === 0 ? "" : ` (${held} held already)`;
  return {
    check: "concurrency",
    ok: false,
    message: `${unreserved} unreserved executions, but ${stage} reserves ${reserving}${alreadyHeld} and Lambda keeps ${MIN_UNRESERVED_EXECUTIONS}: ask for a Lambda concurrent executions quota of at least ${(AccountLimit?.ConcurrentExecutions ?? 0) + needed - unreserved} in ${APP_REGION} (Service Quotas, L-B99A9384), or remove ${stage} from RESERVED_EXECUTIONS in infra/capacity.ts`,
  };
}

/**
 * Runs every check for `stage`; `callerRegion` is the region the caller's SDK configuration resolved.
 * @example
 * const lines = await preflight("production", clients, "us-east-1");
 */
export async function preflight(
  stage: string,
  clients: PreflightClients,
  callerRegion: string,
): Promise<PreflightLine[]> {
  const lines: PreflightLine[] = [];
  const problem = stageNameProblem(stage);
  lines.push(
    problem
      ? { check: "stage", ok: false, message: `"${stage}" cannot be deployed: ${problem}` }
      : { check: "stage", ok: true, message: `"${stage}" fits every name built from it` },
  );
  lines.push(
    callerRegion === APP_REGION || callerRegion === ""
      ? {
          check: "region",
          ok: true,
          message: `${APP_REGION}, where the app deploys (sst.config.ts)${callerRegion ? "" : `; none configured, so export AWS_REGION=${APP_REGION} for the aws commands of docs/deploy.md`}`,
        }
      : {
          check: "region",
          ok: false,
          message: `your AWS configuration says ${callerRegion}, the app deploys to ${APP_REGION} (sst.config.ts; billing metrics exist only there): export AWS_REGION=${APP_REGION}`,
        },
  );
  try {
    const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
    lines.push({ check: "credentials", ok: true, message: `account ${identity.Account} as ${identity.Arn}` });
  } catch (error) {
    lines.push({
      check: "credentials",
      ok: false,
      message: `${reason(error)}: configure AWS credentials (AWS_PROFILE or aws configure) for the account to deploy into`,
    });
    return lines;
  }
  if (problem) return lines;
  const remaining: [PreflightLine["check"], () => Promise<PreflightLine>][] = [
    ["ApiKeys", () => apiKeysLine(clients, stage)],
    ["concurrency", () => concurrencyLine(clients, stage)],
  ];
  for (const [check, run] of remaining) {
    try {
      lines.push(await run());
    } catch (error) {
      lines.push({
        check,
        ok: false,
        message: `could not be read (${reason(error)}): let these credentials call it`,
      });
    }
  }
  return lines;
}
