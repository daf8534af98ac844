// What every repair command reads from its arguments (`--apply`, `--local PATH`), and the environment it sets
// before the handlers' modules are imported: with `--local`, the tables and DynamoDB endpoint of the system
// `npm start` runs, from its outputs.json, as the handlers see them. Without it, the tables must be linked by
// `sst shell`; a command run bare is refused with how to run it, before it reads anything.
import { readFileSync } from "node:fs";
import { invocationFolder, typedPath } from "../../packages/local/src/cli/invocation";
import { refuseScript, scriptOptions } from "../script-options";

/** A repair command's options. */
export interface RepairOptions {
  apply: boolean;
  /** The local system's outputs.json, when the command repairs what `npm start` runs. */
  local?: string;
}

/** The command as the operator ran it, for the advice: `npm run repair:…` sets npm_lifecycle_event. */
function commandName(): string {
  const script = process.env.npm_lifecycle_event;
  return script?.startsWith("repair:") ? `npm run ${script}` : "npm run repair:…";
}

/** Whether to write, after linking `tables` of the local system when `--local` names its outputs.json. */
export function repairOptions(tables: readonly string[]): RepairOptions {
  const command = commandName();
  const usage = `npx sst shell --stage NAME -- ${command} [-- --apply], or ${command} -- --local .local/outputs.json [--apply]`;
  const refuse: (reason: string) => never = (reason) => refuseScript(reason, usage);
  const values = scriptOptions(
    { apply: { type: "boolean", default: false }, local: { type: "string" } },
    usage,
  );
  if (values.local !== undefined) {
    let outputs: { resources?: { tables?: Record<string, string> }; endpoints?: { dynamodb?: string } };
    try {
      // Read from the folder the command was typed in: npm runs the script in the repository's root.
      const typedIn = invocationFolder(/^repair:/);
      outputs = JSON.parse(readFileSync(typedPath(values.local, typedIn), "utf8"));
    } catch (error) {
      refuse(
        `--local ${values.local}: ${(error as Error).message}; give the outputs.json of the system npm start runs (.local/outputs.json)`,
      );
    }
    const missing = tables.filter((table) => !outputs.resources?.tables?.[table]);
    if (missing.length > 0 || !outputs.endpoints?.dynamodb)
      refuse(
        `--local ${values.local} names no ${[...missing, "DynamoDB endpoint"].join(", ")}: is it npm start's outputs.json?`,
      );
    for (const table of tables)
      process.env[`SST_RESOURCE_${table}`] = JSON.stringify({ name: outputs.resources?.tables?.[table] });
    process.env.AWS_ENDPOINT_URL_DYNAMODB = outputs.endpoints.dynamodb;
    process.env.AWS_ACCESS_KEY_ID ??= "local";
    process.env.AWS_SECRET_ACCESS_KEY ??= "local";
  } else {
    const unlinked = tables.filter((table) => process.env[`SST_RESOURCE_${table}`] === undefined);
    if (unlinked.length > 0)
      refuse(
        `${unlinked.join(", ")} not linked: run it under sst shell for a deployed stage, or with --local for npm start's system`,
      );
  }
  process.env.AWS_REGION ??= "us-east-1";
  process.env.POWERTOOLS_TRACE_ENABLED ??= "false";
  return { apply: values.apply ?? false, ...(values.local === undefined ? {} : { local: values.local }) };
}

/**
 * The reason a repair failed, for stderr: a local system that does not answer is named as one maybe stopped.
 * @example repairFailure(new Error("connect ECONNREFUSED 127.0.0.1:35453"), { apply: false, local: ".local/outputs.json" })
 */
export function repairFailure(error: unknown, options: RepairOptions): string {
  const message = error instanceof Error ? error.message : String(error);
  const refused =
    (error as { code?: string } | null)?.code === "ECONNREFUSED" || /ECONNREFUSED/.test(message);
  return refused && options.local !== undefined
    ? `${message}: the system of ${options.local} does not answer; is npm start running?`
    : message;
}
