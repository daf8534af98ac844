// `npm run synth -- --stage NAME [--dev]`: the whole app evaluated offline under Pulumi mocks, written to
// .sst/synth/NAME.json, so a change can be reviewed (and tested) without an AWS account.

import { relative } from "node:path";
import { codeUnitOrder } from "@stock-patterns/core";
import { stageNameProblem } from "../infra/stage-name";
import { refuseScript, scriptOptions } from "./script-options";
import { summary } from "./synth/graph";
import { synthesize } from "./synth/synthesize";

const USAGE = "npm run synth -- --stage NAME [--dev]";
const values = scriptOptions({ stage: { type: "string" }, dev: { type: "boolean", default: false } }, USAGE);
if (!values.stage) refuseScript("the stage is missing", USAGE);
// The app refuses such a stage too, from inside the synth's own process; said here at once, without its trace.
const problem = stageNameProblem(values.stage);
if (problem) refuseScript(`Stage "${values.stage}" cannot be deployed: ${problem}.`, USAGE);

try {
  const { file, graph } = await synthesize({ stage: values.stage, dev: values.dev });
  const counts = Object.entries(summary(graph)).sort(([a], [b]) => codeUnitOrder(a, b));
  for (const [type, count] of counts) process.stdout.write(`${String(count).padStart(4)}  ${type}\n`);
  process.stdout.write(
    `\n${graph.resources.length} resources, ${Object.keys(graph.outputs).length} outputs\n`,
  );
  for (const [key, value] of Object.entries(graph.outputs))
    process.stdout.write(`  ${key}: ${String(value)}\n`);
  process.stdout.write(`wrote ${relative(process.cwd(), file)}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
