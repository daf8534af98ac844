// An option one command does not take but another does (`stats --since`, `stats --format csv`, `scan
// --as-of`): said so, with the options this command takes, where "unknown option" read as a typo.

import type { Command } from "./command";

/**
 * The options a command's usage names, --help aside: the ones it takes.
 *
 * @example
 * optionsOf(statsCommand) // ["--as-of", "--json", "--bandwidth", "--delimiter", "--date-format", "--jobs"]
 */
export function optionsOf(command: Command): string[] {
  return [...new Set(command.usage.match(/--[a-z][a-z-]*/g))].filter((option) => option !== "--help");
}

/**
 * The line refusing `arg` (an option, perhaps with `=value`) that `command` does not take, when another of
 * `commands` takes it; undefined otherwise.
 *
 * @example
 * elsewhereOption("--since=2019", statsCommand, COMMANDS)
 * // "--since is an option of scan, not of stats (stats takes --as-of, --json, --bandwidth, ...)"
 */
export function elsewhereOption(
  arg: string,
  command: Command,
  commands: readonly Command[],
): string | undefined {
  const [name = arg] = arg.split("=");
  const owners = commands.filter((other) => other !== command && optionsOf(other).includes(name));
  if (owners.length === 0) return undefined;
  return `${name} is an option of ${owners.map((owner) => owner.name).join(" and ")}, not of ${command.name} (${command.name} takes ${optionsOf(command).join(", ")})`;
}
