// Which DynamoDB calls the functions' client makes on some of the tables, as a test sees them on the
// emulator: each call once per watched table it names (a batch call may name several), the items a run's
// calls examined, what each answered and was billed; and calls refused.

import { afterEach, beforeEach } from "vitest";
import { dynamo } from "#aws";
import { linked } from "#config";

type Table = "TradingPatterns" | "Alerts" | "ApprovalTracking" | "SymbolWindows" | "EvidenceSnapshots";

let watches = 0;

/**
 * Calls `seen` with each call's command, watched table and input (as the document client was given it), from
 * each test's start to its end (registered on the file's tests: call at the top of a test file or describe
 * block).
 *
 * @example
 * watchTableCalls(["Alerts"], (command, table) => calls.push(`${command} ${table}`)); // "QueryCommand Alerts"
 */
export function watchTableCalls(
  tables: readonly Table[],
  seen: (command: string, table: Table, input: Record<string, unknown>) => void,
): void {
  duringEachTest("watchTableCalls", (name) => {
    const watched = watchedNames(tables);
    dynamo().middlewareStack.add(
      (next, context) => async (args) => {
        for (const table of tablesNamed(args.input, watched))
          seen(context.commandName ?? "", table, args.input as Record<string, unknown>);
        return next(args);
      },
      { step: "initialize", name },
    );
  });
}

/**
 * Watches `tables` as watchTableCalls does and answers a function that runs `run` (a request, say) and gives,
 * beside what it answered, the command of each of its calls on them and the items its calls examined (each
 * answer's ScannedCount, a Query's or Scan's, on any table), counted from `run`'s start.
 *
 * @example
 * const readsOf = watchTableReads(["ApprovalTracking"]);
 * const { answer, calls, examined } = await readsOf(() => call("/approvals", { key: "approver" })); // ["QueryCommand"], 3
 */
export function watchTableReads(
  tables: readonly Table[],
): <T>(run: () => Promise<T>) => Promise<{ answer: T; calls: string[]; examined: number }> {
  const calls: string[] = [];
  let examined = 0;
  watchTableCalls(tables, (command) => calls.push(command));
  duringEachTest("watchTableReads", (name) => {
    dynamo().middlewareStack.add(
      (next) => async (args) => {
        const output = await next(args);
        examined += (output.output as { ScannedCount?: number }).ScannedCount ?? 0;
        return output;
      },
      { step: "initialize", name },
    );
  });
  return async (run) => {
    calls.length = 0;
    examined = 0;
    const answer = await run();
    return { answer, calls: [...calls], examined };
  };
}

/** What a call answered on one watched table. */
export interface TableAnswer {
  /** The items a Query or Scan examined (its ScannedCount, before any filter); 0 for other calls. */
  scanned: number;
  /** The items it answered from the table: a GetItem's, a BatchGetItem's of this table, a Query's or Scan's. */
  items: number;
  /** The capacity units it was billed on the table, read or write; NaN when its answer says none. */
  units: number;
}

/**
 * Calls `seen` with each call on a watched table once it has answered (once per watched table a batch call
 * names): its command, the table, its input and its answer there. Each such call is sent with
 * ReturnConsumedCapacity TOTAL, so that its answer says the units it was billed. Registered as
 * watchTableCalls is.
 *
 * @example
 * watchTableAnswers(["Alerts"], (command, _table, _input, { scanned, units }) => reads.push({ command, scanned, units }));
 */
export function watchTableAnswers(
  tables: readonly Table[],
  seen: (command: string, table: Table, input: Record<string, unknown>, answer: TableAnswer) => void,
): void {
  duringEachTest("watchTableAnswers", (name) => {
    const watched = watchedNames(tables);
    dynamo().middlewareStack.add(
      (next, context) => async (args) => {
        const named = tablesNamed(args.input, watched);
        if (named.length === 0) return next(args);
        const input = Object.assign(args.input as Record<string, unknown>, {
          ReturnConsumedCapacity: "TOTAL",
        });
        const result = await next(args);
        for (const table of named)
          seen(context.commandName ?? "", table, input, answerOn(linked(table, "name"), result.output));
        return result;
      },
      { step: "initialize", name },
    );
  });
}

/**
 * Runs `run` while the client refuses each call on a watched table that `refusal` gives a message for
 * (thrown as the error DynamoDB's refusal would be after the SDK's retries); a batch call naming several
 * watched tables is refused on the first refused. The refusal is lifted when `run` ends.
 *
 * @example
 * await whileTableCallsRefused(["Alerts"], (command) => command === "BatchGetItemCommand" ? "throttled" : undefined, () => sweepStranded(now, timing));
 */
export async function whileTableCallsRefused<T>(
  tables: readonly Table[],
  refusal: (command: string, table: Table) => string | undefined,
  run: () => Promise<T>,
): Promise<T> {
  const name = `whileTableCallsRefused${++watches}`;
  const watched = watchedNames(tables);
  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      for (const table of tablesNamed(args.input, watched)) {
        const message = refusal(context.commandName ?? "", table);
        if (message !== undefined) throw new Error(message);
      }
      return next(args);
    },
    { step: "initialize", name },
  );
  try {
    return await run();
  } finally {
    dynamo().middlewareStack.remove(name);
  }
}

/**
 * Has `add` put a middleware named `name` on the client at each test's start, removed at its end (registered
 * on the file's tests, as the watches are).
 */
function duringEachTest(kind: string, add: (name: string) => void): void {
  const name = `${kind}${++watches}`;
  beforeEach(() => add(name));
  afterEach(() => {
    dynamo().middlewareStack.remove(name);
  });
}

/** Each watched table by the name this stage gave it. */
const watchedNames = (tables: readonly Table[]): ReadonlyMap<string, Table> =>
  new Map(tables.map((table) => [linked(table, "name"), table] as const));

/** The watched tables a call's input names: its TableName, or a batch call's RequestItems. */
function tablesNamed(input: unknown, watched: ReadonlyMap<string, Table>): Table[] {
  const { TableName, RequestItems } = input as { TableName?: string; RequestItems?: Record<string, unknown> };
  return [TableName, ...Object.keys(RequestItems ?? {})].flatMap((tableName) => {
    const table = tableName === undefined ? undefined : watched.get(tableName);
    return table ? [table] : [];
  });
}

/** A call's answer as it concerns the table named `tableName`. */
function answerOn(tableName: string, output: unknown): TableAnswer {
  const { ScannedCount, Items, Item, Responses, ConsumedCapacity } = output as {
    ScannedCount?: number;
    Items?: unknown[];
    Item?: unknown;
    Responses?: Record<string, unknown[]>;
    ConsumedCapacity?:
      | { TableName?: string; CapacityUnits?: number }
      | { TableName?: string; CapacityUnits?: number }[];
  };
  const billed = [ConsumedCapacity ?? []]
    .flat()
    .filter((c) => c.TableName === undefined || c.TableName === tableName);
  return {
    scanned: ScannedCount ?? 0,
    items: Items?.length ?? (Item === undefined ? (Responses?.[tableName]?.length ?? 0) : 1),
    units:
      ConsumedCapacity === undefined
        ? Number.NaN
        : billed.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0),
  };
}
