// `patterns` as a function of its arguments and input, so tests run it without a process.

import { BarsError, didYouMean, listed, nearMisses, quotedText } from "@stock-patterns/core";
import { COMMANDS } from "./commands";
import { elsewhereOption } from "./elsewhere-option";
import { type CliIo, UnknownOption, UsageError } from "./io";

/** The help of every command (with one command, its own usage). */
export const USAGE = COMMANDS.map((command) => command.usage).join("\n\n");

/**
 * Runs the command line and returns the exit status: 0 done, 2 bad usage or input (one line on stderr).
 *
 * @example
 * await runCli(["scan", "data/sp500-2000.csv"], io)
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    if (argv.length === 0) {
      // Nothing asked is a usage mistake (scripts must not read it as success); the usage says what to ask.
      io.stderr(`patterns: no command given\n${USAGE}\n`);
      return 2;
    }
    const [name, ...args] = argv;
    const command = COMMANDS.find((candidate) => candidate.name === name);
    // A command's own help after its name (`patterns stats --help`), every command's otherwise; after --
    // -h is a file's name.
    const end = argv.indexOf("--");
    const options = end < 0 ? argv : argv.slice(0, end);
    if (options.includes("--help") || options.includes("-h")) {
      io.stdout(`${command ? command.usage : USAGE}\n`);
      return 0;
    }
    if (!command) {
      const names = COMMANDS.map((known) => known.name);
      const meant = nearMisses(name ?? "", names);
      throw new UsageError(
        `unknown command ${quotedText(name ?? "")} (${meant.length > 0 ? `did you mean ${listed(meant, "or")}? ` : ""}commands: ${names.join(", ")}; patterns --help says more)`,
      );
    }
    try {
      return await command.run(args, io);
    } catch (error) {
      // The options a command takes are the ones its usage names; another command's is named as its.
      if (!(error instanceof UnknownOption)) throw error;
      const elsewhere = elsewhereOption(error.option, command, COMMANDS);
      if (elsewhere !== undefined) throw new UsageError(elsewhere);
      const meant = nearMisses(error.option, [...new Set(command.usage.match(/--[a-z][a-z-]*/g))]);
      throw new UsageError(`${error.message}${didYouMean(meant)}`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof BarsError || error instanceof RangeError) {
      io.stderr(`patterns: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
