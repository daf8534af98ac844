// Which AWS actions a function's bundle calls on which linked resource: each SDK command (or table helper)
// our code constructs, the link it names and, for DynamoDB, whether it reads an index. infra/functions.test.ts
// holds each function's grants to exactly these.
import { codeUnitOrder } from "@stock-patterns/core";
import { TABLES, type TableName, type TableSpec } from "@stock-patterns/core/catalog";

/**
 * The IAM action each AWS SDK command needs (the Service Authorization Reference,
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
 * The document client's commands (`Get`, `Put`, …) send the same API calls as the low-level ones.
 */
export const COMMAND_ACTIONS: Readonly<Record<string, string>> = {
  Get: "dynamodb:GetItem",
  GetItem: "dynamodb:GetItem",
  Put: "dynamodb:PutItem",
  PutItem: "dynamodb:PutItem",
  Update: "dynamodb:UpdateItem",
  UpdateItem: "dynamodb:UpdateItem",
  Delete: "dynamodb:DeleteItem",
  DeleteItem: "dynamodb:DeleteItem",
  Query: "dynamodb:Query",
  Scan: "dynamodb:Scan",
  BatchGet: "dynamodb:BatchGetItem",
  BatchGetItem: "dynamodb:BatchGetItem",
  BatchWrite: "dynamodb:BatchWriteItem",
  BatchWriteItem: "dynamodb:BatchWriteItem",
  SendMessage: "sqs:SendMessage",
  // SQS authorizes SendMessageBatch as sqs:SendMessage on the queue.
  SendMessageBatch: "sqs:SendMessage",
  ChangeMessageVisibility: "sqs:ChangeMessageVisibility",
  Publish: "sns:Publish",
  // SNS authorizes PublishBatch as sns:Publish on the topic.
  PublishBatch: "sns:Publish",
  StartSyncExecution: "states:StartSyncExecution",
  GetFunctionConfiguration: "lambda:GetFunctionConfiguration",
  UpdateFunctionConfiguration: "lambda:UpdateFunctionConfiguration",
  PublishVersion: "lambda:PublishVersion",
  DeleteFunction: "lambda:DeleteFunction",
  ListVersionsByFunction: "lambda:ListVersionsByFunction",
  Invoke: "lambda:InvokeFunction",
};

/**
 * The table helpers of packages/functions/src/repositories: each sends one kind of command to the table its
 * caller names (readPage a Query or a Scan, by its first argument; readMergedPage and queryInOrder
 * Queries, one per key value), so a call to one counts as that command where it is made, and the command inside it is not
 * counted again. A batchRead names a table of a batch
 * read that readTogether sends (several tables' together): the read counts where the batchRead is made,
 * and readTogether's own command is not counted again.
 */
const HELPERS: Readonly<Record<string, (kind?: string) => string>> = {
  putIf: () => "Put",
  updateIf: () => "Update",
  getMany: () => "BatchGet",
  batchRead: () => "BatchGet",
  readTogether: () => "BatchGet",
  readPage: (kind) => (kind === "scan" ? "Scan" : kind === "query" ? "Query" : "Query|Scan"),
  readMergedPage: () => "Query",
  scanAll: () => "Scan",
  queryPages: () => "Query",
  queryInOrder: () => "Query",
};
/** Where a helper's call names its table (readTogether's calls name none: their batchReads do). */
const HELPER_SITE =
  /(?<!function\*? )\b(putIf|updateIf|getMany|batchRead|readPage|readMergedPage|scanAll|queryPages|queryInOrder)\d*\(\s*(?:"(\w+)")?/g;

/** Services whose calls must each name a link; the tuning's Lambda calls name functions from their input. */
const LINKED_SERVICES = ["dynamodb", "sqs", "sns", "states"];

/** Per linked resource (`Alerts`, or `Alerts/index/byCreatedAt` for a table's index), the actions called. */
export type ResourceCalls = Record<string, string[]>;

/**
 * What the analysis found: the calls per resource, the calls it could not tie to one linked resource,
 * and the SDK commands dependencies construct (the document client's wrappers aside: each sends the API
 * call of the command our code constructed).
 */
export interface ResourceCallReport {
  calls: ResourceCalls;
  unattributed: string[];
  foreign: string[];
}

/** The bundle's modules (esbuild marks each with a `// path` line), ours being those under packages/. */
function modules(code: string): { path: string; ours: boolean; text: string }[] {
  const marks = [...code.matchAll(/^\/\/ (\S+)$/gm)];
  return marks.map((mark, i) => {
    const path = mark[1] ?? "";
    const start = (mark.index ?? 0) + mark[0].length;
    return {
      path,
      ours: /^(?:\.\.\/)*packages\//.test(path) && !path.includes("node_modules/"),
      text: code.slice(start, marks[i + 1]?.index ?? code.length),
    };
  });
}

const COMMAND_SITE = /\bnew (\w+?)Command\d*\(/g;
/** The document client's commands: each wraps the low-level command of the same API call. */
const DOCUMENT_CLIENT = "/@aws-sdk/lib-dynamodb/";

/** The commands a dependency's module constructs (`Command in module`). */
function foreignCommands(path: string, text: string): string[] {
  if (path.includes(DOCUMENT_CLIENT)) return [];
  return [...text.matchAll(COMMAND_SITE)].map((m) => `${m[1]} in ${path}`);
}

/** The text between the parenthesis at `open` and its match, strings and template literals skipped. */
function argumentText(text: string, open: number): string {
  let depth = 0;
  const braces: number[] = [];
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === "\\") i++;
      else if (quote === "`" && char === "$" && text[i + 1] === "{") {
        braces.push(depth);
        quote = undefined;
        i++;
      } else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'" || char === "`") quote = char;
    else if (char === "(" || char === "{" || char === "[") depth++;
    else if (char === "}" && braces.at(-1) === depth) {
      braces.pop();
      quote = "`";
    } else if (char === ")" || char === "}" || char === "]") {
      depth--;
      if (depth === 0) return text.slice(open + 1, i);
    }
  }
  return text.slice(open + 1);
}

/** The top-level function a position of a module lies in (esbuild may append a digit to its name). */
function enclosingFunction(text: string, at: number): string | undefined {
  const before = [...text.slice(0, at).matchAll(/^(?:async )?function\*? (\w+?)\d*\(/gm)];
  return before.at(-1)?.[1];
}

const linksIn = (text: string) => [...new Set([...text.matchAll(/\blinked\(\s*"(\w+)"/g)].map((m) => m[1]))];

/**
 * `Alerts/index/byCreatedAt` for a call that names an index: the one its `IndexName` names as a string
 * literal, or else the catalog's one index of that table (a table with several: unattributed).
 */
function indexOf(link: string, argument: string): string | undefined {
  const named = /\bIndexName:\s*(.*)/.exec(argument);
  if (!named) return link;
  const spec: TableSpec | undefined = TABLES[link as TableName];
  const indexes = spec?.indexes ?? [];
  const literal = indexes.find((index) => new RegExp(`^["'\`]${index.name}["'\`]`).test(named[1] ?? ""));
  if (literal) return `${link}/index/${literal.name}`;
  const [only, ...more] = indexes;
  return only && more.length === 0 ? `${link}/index/${only.name}` : undefined;
}

/** Each SDK command a module constructs and each helper call, with where its arguments open. */
function callSites(text: string): { command: string; open: number }[] {
  const at = (m: RegExpMatchArray) => (m.index ?? 0) + m[0].indexOf("(");
  return [
    ...[...text.matchAll(COMMAND_SITE)].map((m) => ({ command: m[1] ?? "", open: at(m) })),
    ...[...text.matchAll(HELPER_SITE)].map((m) => ({
      command: HELPERS[m[1] ?? ""]?.(m[2]) ?? "",
      open: at(m),
    })),
  ];
}

/**
 * The actions a bundle's own code calls, per linked resource. A call names its resource inside its
 * arguments (`QueueUrl: linked("AlertQueue", "url")`), or else its module names exactly one link (a
 * repository, whose calls all go to its table); a table helper's own command is counted at its callers.
 * @example
 * resourceCalls(code).calls // { Alerts: ["dynamodb:GetItem"], "Alerts/index/byCreatedAt": ["dynamodb:Query"] }
 */
export function resourceCalls(code: string): ResourceCallReport {
  const calls: Record<string, Set<string>> = {};
  const unattributed: string[] = [];
  const foreign: string[] = [];
  for (const { path, ours, text } of modules(code)) {
    if (!ours) {
      foreign.push(...foreignCommands(path, text));
      continue;
    }
    const moduleLinks = linksIn(text);
    for (const { command, open } of callSites(text)) {
      const action = COMMAND_ACTIONS[command];
      if (action && !LINKED_SERVICES.includes(action.split(":")[0] ?? "")) continue;
      const argument = argumentText(text, open);
      const named = linksIn(argument);
      const links = named.length > 0 ? named : moduleLinks;
      const helper = HELPERS[enclosingFunction(text, open) ?? ""];
      // A helper's own command: its caller names the table.
      if (links.length === 0 && helper?.().split("|").includes(command)) continue;
      const [link, ...others] = links;
      const target = action && link && others.length === 0 ? indexOf(link, argument) : undefined;
      if (!action || !target) {
        unattributed.push(`${command} in ${path}`);
        continue;
      }
      calls[target] ??= new Set();
      calls[target].add(action);
    }
  }
  return {
    calls: Object.fromEntries(
      Object.entries(calls)
        .sort(([a], [b]) => codeUnitOrder(a, b))
        .map(([target, actions]) => [target, [...actions].sort()]),
    ),
    unattributed,
    foreign: [...new Set(foreign)].sort(),
  };
}
