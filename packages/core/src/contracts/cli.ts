// What the `patterns` CLI prints as JSON Lines, as schemas made of the API's: a scan's line is the API's
// detection with its series' symbol (and, with --outcomes, the outcome record GET /patterns gives), a stats
// line is one evidence object as POST /patterns gives it. The CLI's process tests hold every line to them.

import * as z from "zod";
import { detectionSchema } from "./api";
import { evidenceSchema, outcomeSchema } from "./outcomes";

/**
 * `patterns scan --format jsonl` (`--json`): one detection a line. `symbol` is the series' as the CLI names
 * it (the file's name upper-cased, a Symbol column's value, `-` for standard input: docs/cli.md), so not
 * always one the API would take; `outcome` comes with `--outcomes`.
 */
export const scanLineSchema = z
  .object({ symbol: z.string() })
  .extend(detectionSchema.shape)
  .extend({ outcome: outcomeSchema.optional() });
export type ScanLine = z.infer<typeof scanLineSchema>;

/** `patterns stats --json`: one code's evidence a line, pooled over every series read (no symbol). */
export const statsLineSchema = evidenceSchema;

const LINE_SCHEMAS = { scan: scanLineSchema, stats: statsLineSchema } as const;

/**
 * The JSON Schema (draft 2020-12) of a command's JSON lines; every object in it is closed (zod's output
 * schemas allow no field they do not name).
 *
 * @example
 * cliLineJsonSchema("scan").required // ["symbol", "pattern", "start", "end", "detectedAt", "extrema", "confidence"]
 */
export function cliLineJsonSchema(command: keyof typeof LINE_SCHEMAS): Record<string, unknown> {
  return z.toJSONSchema(LINE_SCHEMAS[command], { target: "draft-2020-12" }) as Record<string, unknown>;
}
