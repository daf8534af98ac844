// `patterns` as a function of its arguments and input, so tests run it without a process.

import { BarsError, didYouMean, listed, nearMisses, quotedText } from "@stock-patterns/core";
import type { Command } from "./command";
import { COMMANDS } from "./commands";
import { elsewhereOption } from "./elsewhere-option";
import { type CliIo, UnknownOption, UsageError } from "./io";

/** The word that asks for help as a command: `patterns help`, `patterns help scan`. */
const HELP = "help";

/**
 * What `patterns --help` and a bare `patterns` print: the commands, a line each, and where each one's own
 * help is (its files, options and exit statuses run to 50 lines a command).
 */
export const OVERVIEW = [
  "Usage: patterns COMMAND FILE... | DIR [options]",
  "",
  "Finds chart patterns in files of bars (docs/patterns.md), and measures what they were worth.",
  "",
  "Commands:",
  ...COMMANDS.map((command) => `  ${command.name.padEnd(6)}  ${command.summary}`),
  "",
  "A command's own help (its files, options and exit statuses): patterns COMMAND --help, as in",
  `patterns ${COMMANDS[0]?.name} --help, or patterns ${HELP} COMMAND. Exit status: 0 on success, 2 on bad usage or`,
  "input, 1 when the output could not be written.",
].join("\n");

/** The command called `name`, if there is one. */
const commandNamed = (name: string): Command | undefined => COMMANDS.find((command) => command.name === name);

/** Whether `arg` asks for help. */
const asksHelp = (arg: string | undefined): boolean => arg === "--help" || arg === "-h";

/** The refusal of `name`, which names no command: the commands there are, and the near misses. */
function unknownCommand(name: string): UsageError {
  const names = COMMANDS.map((known) => known.name);
  const meant = nearMisses(name, names);
  return new UsageError(
    `unknown command ${quotedText(name)} (${meant.length > 0 ? `did you mean ${listed(meant, "or")}? ` : ""}commands: ${names.join(", ")}; patterns --help says more)`,
  );
}

/**
 * Runs the command line and returns the exit status: 0 done, 2 bad usage or input (one line on stderr).
 *
 * @example
 * await runCli(["scan", "data/sp500-2000.csv"], io)
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    if (argv.length === 0) {
      // Nothing asked is a usage mistake (scripts must not read it as success); the overview says what to ask.
      io.stderr(`patterns: no command given\n${OVERVIEW}\n`);
      return 2;
    }
    const [name = "", ...args] = argv;
    if (name === HELP) {
      if (args.length > 1) throw new UsageError(`${HELP} takes one command at most, got ${args.length}`);
      const [asked] = args;
      if (asked === undefined || asksHelp(asked)) {
        io.stdout(`${OVERVIEW}\n`);
        return 0;
      }
      const helped = commandNamed(asked);
      if (!helped) throw unknownCommand(asked);
      io.stdout(`${helped.usage}\n`);
      return 0;
    }
    const command = commandNamed(name);
    // A command's own help after its name (`patterns stats --help`), the overview otherwise; after -- -h is
    // a file's name.
    const end = argv.indexOf("--");
    const options = end < 0 ? argv : argv.slice(0, end);
    if (options.some(asksHelp)) {
      io.stdout(`${command ? command.usage : OVERVIEW}\n`);
      return 0;
    }
    if (!command) throw unknownCommand(name);
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
