// The options of the project's own scripts (synth, preflight): read strictly, and a misspelt or unknown one
// refused with the option meant and the usage (exit 2), as the CLI and `npm start` refuse theirs.
import { type ParseArgsConfig, parseArgs } from "node:util";
import { didYouMean, nearMisses } from "@stock-patterns/core";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Stops the script with a reason and its usage: nothing was done. */
export function refuseScript(reason: string, usage: string): never {
  process.stderr.write(`${reason}\nusage: ${usage}\n`);
  process.exit(2);
}

/**
 * The script's option values, or a refusal naming the option given, the one meant and the usage.
 * @example
 * scriptOptions({ stage: { type: "string" } }, "npm run preflight -- --stage NAME") // --stag: "Unknown option '--stag' (did you mean --stage?)"
 */
export function scriptOptions<T extends Options>(options: T, usage: string) {
  try {
    return parseArgs({ options }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const given = /'(-{1,2}[^'=\s]+)/.exec(message)?.[1];
    const meant = given
      ? nearMisses(
          given,
          Object.keys(options).map((name) => `--${name}`),
        )
      : [];
    return refuseScript(`${message}${didYouMean(meant)}`, usage);
  }
}
