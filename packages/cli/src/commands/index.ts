// Every `patterns` subcommand, in the order `--help` lists them.

import type { Command } from "../command";
import { scanCommand } from "./scan";
import { statsCommand } from "./stats";

export const COMMANDS: readonly Command[] = [scanCommand, statsCommand];
