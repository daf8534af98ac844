// Which DynamoDB calls the functions' client makes on some of the tables, as a test sees them on the
// emulator: each call once per watched table it names (a batch call may name several).

import { afterEach, beforeEach } from "vitest";
import { dynamo } from "#aws";
import { linked } from "#config";

type Table = "TradingPatterns" | "Alerts" | "ApprovalTracking" | "SymbolWindows" | "EvidenceSnapshots";

let watches = 0;

/**
 * Calls `seen` with each call's command and watched table, from each test's start to its end (registered
 * on the file's tests: call at the top of a test file or describe block).
 *
 * @example
 * watchTableCalls(["Alerts"], (command, table) => calls.push(`${command} ${table}`)); // "QueryCommand Alerts"
 */
export function watchTableCalls(
  tables: readonly Table[],
  seen: (command: string, table: Table) => void,
): void {
  const name = `watchTableCalls${++watches}`;
  beforeEach(() => {
    const watched = new Map(tables.map((table) => [linked(table, "name"), table] as const));
    dynamo().middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { TableName?: string; RequestItems?: Record<string, unknown> };
        for (const tableName of [input.TableName, ...Object.keys(input.RequestItems ?? {})]) {
          const table = tableName === undefined ? undefined : watched.get(tableName);
          if (table) seen(context.commandName ?? "", table);
        }
        return next(args);
      },
      { step: "initialize", name },
    );
  });
  afterEach(() => {
    dynamo().middlewareStack.remove(name);
  });
}
