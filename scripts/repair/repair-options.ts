// What every repair command reads from its arguments (`--apply`, `--local PATH`), and the environment it sets
// before the handlers' modules are imported: with `--local`, the tables and DynamoDB endpoint of the system
// `npm start` runs, from its outputs.json, as the handlers see them.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

/** Whether to write, after linking `tables` of the local system when `--local` names its outputs.json. */
export function repairOptions(tables: readonly string[]): { apply: boolean } {
  const { values } = parseArgs({
    options: {
      apply: { type: "boolean", default: false },
      local: { type: "string" },
    },
  });
  if (values.local !== undefined) {
    const outputs = JSON.parse(readFileSync(values.local, "utf8"));
    for (const table of tables)
      process.env[`SST_RESOURCE_${table}`] = JSON.stringify({ name: outputs.resources.tables[table] });
    process.env.AWS_ENDPOINT_URL_DYNAMODB = outputs.endpoints.dynamodb;
    process.env.AWS_ACCESS_KEY_ID ??= "local";
    process.env.AWS_SECRET_ACCESS_KEY ??= "local";
  }
  process.env.AWS_REGION ??= "us-east-1";
  process.env.POWERTOOLS_TRACE_ENABLED ??= "false";
  return { apply: values.apply };
}
