// The six functions: one runtime and architecture, tracing, a week of logs, their sizes, links limited to
// what each uses, handlers that bundle, and a `live` alias on every one of them.
import assert from "node:assert";
import { readFileSync } from "node:fs";
import { codeUnitOrder, DEFAULT_THRESHOLDS, thresholdsFromEnv } from "@stock-patterns/core";
import { EVENT_SOURCES, STREAM } from "@stock-patterns/core/catalog";
import { METRICS_NAMESPACE } from "@stock-patterns/core/contracts";
import { describe, expect, inject, it } from "vitest";
import { denials, grants, ofType, resource, type SynthGraph } from "../scripts/synth/graph";
import { arnLike } from "../scripts/synth/matching";
import { MOCK_ACCOUNT, MOCK_REGION } from "../scripts/synth/mocks";
import { COMMAND_ACTIONS } from "../scripts/synth/resource-calls";
import { reservedExecutions, totalReservedExecutions } from "./capacity";
import { LINK_ACTIONS, LINKED_SERVICES, narrowLinkGrants } from "./link-grants";
import { TUNING_FUNCTION_ACTIONS, TUNING_VERSION_ACTIONS } from "./tuning-rights";

const graph: SynthGraph = inject("production");

const FUNCTIONS = {
  Api: { memory: 1769, handler: "packages/functions/src/api/lambda.handler" },
  PatternDetector: { memory: 512, handler: "packages/functions/src/handlers/pattern-detector.handler" },
  AlertProcessor: { memory: 256, handler: "packages/functions/src/handlers/alert-processor.handler" },
  ThresholdChecker: { memory: 256, handler: "packages/functions/src/handlers/threshold-checker.handler" },
  KinesisConsumer: { memory: 1769, handler: "packages/functions/src/handlers/kinesis-consumer.handler" },
  ApprovalProcessor: { memory: 256, handler: "packages/functions/src/handlers/approval-processor.handler" },
} as const;

/** What each function may link (and therefore touch): nothing more. */
const LINKS: Record<keyof typeof FUNCTIONS, string[]> = {
  Api: [
    "Alerts",
    "ApiKeys",
    "ApprovalTracking",
    "EvidenceSnapshots",
    "PatternAnalysisWorkflow",
    "SymbolWindows",
    "TradingAlerts",
    "TradingPatterns",
  ],
  PatternDetector: ["AlertQueue", "Alerts", "TradingPatterns"],
  AlertProcessor: [
    "AlertApprovalRequests",
    "Alerts",
    "ApprovalTracking",
    "PendingApprovals",
    "TradingAlerts",
    "TradingPatterns",
  ],
  ThresholdChecker: [
    "AlertApprovalRequests",
    "AlertQueue",
    "Alerts",
    "ApprovalTracking",
    "EvidenceSnapshots",
    "SymbolWindows",
    "TradingAlerts",
    "TradingPatterns",
  ],
  KinesisConsumer: [
    "AlertQueue",
    "Alerts",
    "EvidenceSnapshots",
    "RejectedMarketData",
    "SymbolWindows",
    "TradingAlerts",
    "TradingPatterns",
  ],
  ApprovalProcessor: ["AlertApprovalRequests", "Alerts", "ApprovalTracking", "PendingApprovals"],
};

const lambda = (name: string) => resource(graph, "aws:lambda/function:Function", `${name}Function`).inputs;
const names = Object.keys(FUNCTIONS) as (keyof typeof FUNCTIONS)[];

describe("every function", () => {
  it("is an SST function (live in sst dev), and there are exactly these six", () => {
    expect(
      ofType(graph, "sst:aws:Function")
        .map((f) => f.name)
        .sort(),
    ).toEqual([...names].sort());
  });

  it.each(names)("%s runs Node 22 on ARM64 with X-Ray tracing, versioned", (name) => {
    expect(lambda(name)).toMatchObject({
      runtime: "nodejs22.x",
      architectures: ["arm64"],
      tracingConfig: { mode: "Active" },
      publish: true,
    });
  });

  it.each(names)("%s keeps its logs 7 days and has its memory size", (name) => {
    expect(
      resource(graph, "aws:cloudwatch/logGroup:LogGroup", `${name}LogGroup`).inputs.retentionInDays,
    ).toBe(7);
    expect(lambda(name).memorySize).toBe(FUNCTIONS[name].memory);
  });

  // docs/capacity.md works out the log groups' storage from this retention: storage is about this many days
  // of ingestion (without one, CloudWatch Logs keeps every line, and the bill grows every month).
  it("keeps the functions' logs as long as docs/capacity.md says", () => {
    const page = readFileSync(new URL("../docs/capacity.md", import.meta.url), "utf8").replace(/\s+/g, " ");
    const days = new Set(
      names.map(
        (name) =>
          resource(graph, "aws:cloudwatch/logGroup:LogGroup", `${name}LogGroup`).inputs.retentionInDays,
      ),
    );
    expect([...days]).toHaveLength(1);
    expect(page).toContain(`every function's log group keeps ${[...days][0]} days`);
    expect(page).toContain(`kept (${[...days][0]} days of ingestion)`);
  });

  it.each(names)("%s bundles from its shared handler path", (name) => {
    const build = graph.functions.find((f) => f.functionID === name);
    expect(build?.handler).toBe(FUNCTIONS[name].handler);
    expect(lambda(name).handler).toBe(FUNCTIONS[name].handler);
  });

  it.each(names)("%s links only what it uses", (name) => {
    expect(graph.functions.find((f) => f.functionID === name)?.links).toEqual(LINKS[name]);
  });

  it.each(names)("%s links exactly what its bundled handler reads, no more, no less", (name) => {
    const build = graph.functions.find((f) => f.functionID === name);
    expect(build?.reads?.length).toBeGreaterThan(0);
    expect(build?.links).toEqual(build?.reads);
  });

  it.each(names)("%s has a live alias on its published version", (name) => {
    const alias = resource(graph, "aws:lambda/alias:Alias", `${name}LiveAlias`).inputs;
    expect(alias).toMatchObject({ name: "live", functionName: lambda(name).name, functionVersion: "1" });
  });

  it.each(names)("%s sends traces and Powertools metrics", (name) => {
    expect(grants(graph, name)).toContainEqual({ action: "xray:PutTraceSegments", resource: "*" });
    expect((lambda(name).environment as { variables: Record<string, string> }).variables).toMatchObject({
      POWERTOOLS_SERVICE_NAME: name,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    });
  });
});

/** The SDK's own credential chain (STS, SSO), bundled with every client, called with no role permission. */
const CREDENTIAL_COMMANDS = new Set([
  "AssumeRole",
  "AssumeRoleWithWebIdentity",
  "CreateOAuth2Token",
  "CreateToken",
  "GetRoleCredentials",
]);

const GET = "dynamodb:GetItem";
const QUERY = "dynamodb:Query";
const SEND = "sqs:SendMessage";
const PUBLISH = "sns:Publish";

/**
 * What an SQS event source mapping needs from the function's role (Lambda polls with it):
 * https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html (execution role permissions).
 */
const SQS_EVENT_SOURCE = [
  "sqs:ChangeMessageVisibility",
  "sqs:DeleteMessage",
  "sqs:GetQueueAttributes",
  "sqs:ReceiveMessage",
];

/** Grants for what Lambda does with the function's role: polling its queue, its stream's on-failure destination. */
const EVENT_SOURCE_GRANTS: Partial<Record<keyof typeof FUNCTIONS, Record<string, string[]>>> = {
  AlertProcessor: { AlertQueue: SQS_EVENT_SOURCE },
  ApprovalProcessor: { PendingApprovals: SQS_EVENT_SOURCE },
  KinesisConsumer: { MarketDataFailures: [SEND] },
};

/** A linked resource's name for each ARN: tables (and their indexes), queues, topics, state machines. */
function resourceNames(synth: SynthGraph): Map<string, string> {
  const names = new Map<string, string>();
  const at = (service: string, resource: string) =>
    `arn:aws:${service}:${MOCK_REGION}:${MOCK_ACCOUNT}:${resource}`;
  for (const table of ofType(synth, "aws:dynamodb/table:Table")) {
    const arn = at("dynamodb", `table/${String(table.inputs.name)}`);
    const name = table.name.replace(/Table$/, "");
    names.set(arn, name);
    for (const index of (table.inputs.globalSecondaryIndexes ?? []) as { name: string }[])
      names.set(`${arn}/index/${index.name}`, `${name}/index/${index.name}`);
  }
  for (const queue of ofType(synth, "aws:sqs/queue:Queue"))
    names.set(at("sqs", String(queue.inputs.name)), queue.name.replace(/Queue$/, ""));
  for (const topic of ofType(synth, "aws:sns/topic:Topic"))
    names.set(at("sns", String(topic.inputs.name)), topic.name.replace(/Topic$/, ""));
  for (const machine of ofType(synth, "aws:sfn/stateMachine:StateMachine"))
    names.set(at("states", `stateMachine:${String(machine.inputs.name)}`), machine.name);
  return names;
}

/** Per resource (by name, or the ARN where none is known), the actions of these services a role allows. */
function grantsByResource(synth: SynthGraph, name: string, services: string[]): Record<string, string[]> {
  const names = resourceNames(synth);
  const byResource: Record<string, Set<string>> = {};
  for (const { action, resource: arn } of grants(synth, name)) {
    if (!services.includes(action.split(":")[0] ?? "")) continue;
    const key = names.get(arn) ?? arn;
    byResource[key] ??= new Set();
    byResource[key].add(action);
  }
  return sorted(byResource);
}

/** A record of action lists with its keys and lists in order, for comparing. */
function sorted(record: Record<string, Iterable<string>>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(record)
      .sort(([a], [b]) => codeUnitOrder(a, b))
      .map(([key, actions]) => [key, [...new Set(actions)].sort()]),
  );
}

describe("least privilege", () => {
  it.each(names)("%s's bundled code calls exactly these actions on these linked resources", (name) => {
    const build = graph.functions.find((f) => f.functionID === name);
    expect(build?.unattributed, `${name}: calls that name no one linked resource`).toEqual([]);
    expect(build?.calls).toEqual(sorted(LINK_ACTIONS[name] ?? {}));
  });

  it.each(names)("%s is granted exactly those actions on each resource, and its event source's", (name) => {
    const expected: Record<string, readonly string[]> = { ...LINK_ACTIONS[name] };
    for (const [target, actions] of Object.entries(EVENT_SOURCE_GRANTS[name] ?? {}))
      expected[target] = [...(expected[target] ?? []), ...actions];
    expect(grantsByResource(graph, name, LINKED_SERVICES)).toEqual(sorted(expected));
  });

  it.each(names)("%s's dependencies call AWS only for credentials, or as granted", (name) => {
    const build = graph.functions.find((f) => f.functionID === name);
    assert(build, `${name}: no bundle in the synth graph`);
    const granted = new Set(grants(graph, name).map((g) => g.action));
    for (const call of build.foreign ?? []) {
      const command = call.split(" ")[0] ?? "";
      if (CREDENTIAL_COMMANDS.has(command)) continue;
      const action = COMMAND_ACTIONS[command];
      assert(action, `${name}: ${call}, which COMMAND_ACTIONS does not map to an IAM action`);
      expect(granted.has(action), `${name}: ${call}`).toBe(true);
    }
  });

  it.each(names)("%s is granted exactly the Lambda actions its bundled code calls", (name) => {
    const commands = graph.functions.find((f) => f.functionID === name)?.commands ?? [];
    expect(commands.length, name).toBeGreaterThan(0);
    const called = commands.flatMap((command) => {
      const action = COMMAND_ACTIONS[command];
      assert(
        action || CREDENTIAL_COMMANDS.has(command),
        `${name} calls ${command}, which COMMAND_ACTIONS does not map to an IAM action`,
      );
      return action?.startsWith("lambda:") ? [action] : [];
    });
    const granted = grants(graph, name)
      .map((g) => g.action)
      .filter((action) => action.startsWith("lambda:"));
    expect([...new Set(granted)].sort(), name).toEqual([...new Set(called)].sort());
  });

  it("narrows each link's grant per resource and index in either JSON form, and refuses what it cannot narrow", () => {
    const table = "arn:aws:dynamodb:r:1:table/T";
    const statements = (...list: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: list });
    const links = [
      { link: "Alerts", actions: ["dynamodb:*"], resources: [table, `${table}/*`] },
      { link: "AlertQueue", actions: ["sqs:*"], resources: ["arn:q"] },
    ];
    const policy = statements(
      { Effect: "Allow", Action: ["kms:Decrypt"], Resource: ["arn:k"] },
      // The AWS provider writes a single item as a string, and resources in its own order.
      { Effect: "Allow", Action: "dynamodb:*", Resource: [`${table}/*`, table] },
      { Effect: "Allow", Action: "sqs:*", Resource: "arn:q" },
    );
    const actions = { Alerts: [GET], "Alerts/index/byCreatedAt": [QUERY], AlertQueue: [SEND] };
    expect(JSON.parse(narrowLinkGrants(policy, "X", links, actions)).Statement).toEqual([
      { Effect: "Allow", Action: ["kms:Decrypt"], Resource: ["arn:k"] },
      { Effect: "Allow", Action: [GET], Resource: [table] },
      { Effect: "Allow", Action: [QUERY], Resource: [`${table}/index/byCreatedAt`] },
      { Effect: "Allow", Action: [SEND], Resource: ["arn:q"] },
    ]);
    expect(() => narrowLinkGrants(policy, "X", links, { Alerts: [GET] })).toThrow(
      "X links AlertQueue but infra/link-grants.ts lists no actions for it",
    );
    expect(() => narrowLinkGrants(policy, "X", links, { ...actions, TradingAlerts: [PUBLISH] })).toThrow(
      "infra/link-grants.ts lists TradingAlerts for X, which does not link it",
    );
    // A whole-service grant that is no link's (SST changed how it writes them) is refused, not kept.
    const unknown = statements({ Effect: "Allow", Action: "sns:*", Resource: "arn:t" });
    expect(() => narrowLinkGrants(unknown, "X", [], {})).toThrow("X would be granted sns:*");
  });

  it("grants no whole service (SST links would grant dynamodb:*, sqs:*, sns:*)", () => {
    for (const name of names)
      expect(
        grants(graph, name).filter((g) => g.action.endsWith(":*")),
        name,
      ).toEqual([]);
  });

  it("grants no wildcard resource except X-Ray's, which has no resource-level permissions", () => {
    for (const name of names) {
      const wild = grants(graph, name).filter((g) => g.resource === "*");
      expect(wild.map((g) => g.action).sort(), name).toEqual([
        "xray:PutTelemetryRecords",
        "xray:PutTraceSegments",
      ]);
    }
  });

  it("keeps table access to linked tables: the KinesisConsumer never reaches approvals", () => {
    const tables = grants(graph, "KinesisConsumer")
      .filter((g) => g.action.startsWith("dynamodb:"))
      .map((g) => g.resource);
    expect(tables.some((arn) => arn.includes("SymbolWindows"))).toBe(true);
    expect(tables.some((arn) => arn.includes("ApprovalTracking"))).toBe(false);
    // It publishes lifecycle messages to TradingAlerts, and to no other topic.
    const topics = grants(graph, "KinesisConsumer").filter((g) => g.action.startsWith("sns:"));
    expect(topics.length).toBeGreaterThan(0);
    for (const grant of topics) {
      expect(grant.action).toBe("sns:Publish");
      expect(grant.resource).toMatch(/TradingAlerts/);
      expect(grant.resource).not.toMatch(/ApprovalRequests/);
    }
  });

  it("lets only the KinesisConsumer reach RejectedMarketData, to send (and encrypt) rejected records", () => {
    const rejected = String(resource(graph, "aws:sqs/queue:Queue", "RejectedMarketDataQueue").inputs.name);
    for (const name of names) {
      const onQueue = grants(graph, name).filter((g) => g.resource.endsWith(`:${rejected}`));
      expect(onQueue.length > 0, name).toBe(name === "KinesisConsumer");
    }
    expect(grants(graph, "KinesisConsumer")).toContainEqual({
      action: "sqs:SendMessage",
      resource: expect.stringMatching(new RegExp(`^arn:aws:sqs:us-east-1:\\d+:${rejected}$`)),
    });
    expect(grants(graph, "KinesisConsumer")).toContainEqual({
      action: "kms:GenerateDataKey",
      resource: "arn:aws:kms:us-east-1:123456789012:key/DataKey",
    });
    expect(
      ofType(graph, "aws:lambda/eventSourceMapping:EventSourceMapping").map((m) => m.inputs.eventSourceArn),
    ).not.toContainEqual(expect.stringContaining(rejected));
  });

  it("lets only the Api start the analysis workflow", () => {
    for (const name of names) {
      const starts = grants(graph, name).filter((g) => g.action === "states:StartSyncExecution");
      expect(starts.length > 0, name).toBe(name === "Api");
    }
  });

  // The rights name each function as SST names it, the random suffix as `?`s (infra/tuning.ts): each pattern
  // must meet exactly one function of this stage, and no function of another stage.
  it("lets the detector tune the app's six functions by name: their configuration and versions, never $LATEST's code", () => {
    const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
    const functionNames = names.map((name) => String(lambda(name).name));
    const on = (action: string) =>
      grants(graph, "PatternDetector")
        .filter((g) => g.action === action)
        .map((g) => g.resource);
    const met = (patterns: string[], candidates: string[]) =>
      patterns.map((pattern) => candidates.filter((candidate) => arnLike(pattern, candidate)));
    for (const action of TUNING_FUNCTION_ACTIONS) {
      expect(on(action), action).toHaveLength(names.length);
      expect(met(on(action), functionNames.map(arn)).flat().sort(), action).toEqual(
        functionNames.map(arn).sort(),
      );
      for (const candidates of met(on(action), functionNames.map(arn)))
        expect(candidates, action).toHaveLength(1);
      // Versions are not the function: only the `:*` statement reaches them.
      expect(
        met(
          on(action),
          functionNames.map((n) => `${arn(n)}:1`),
        ).flat(),
        action,
      ).toEqual([]);
    }
    // Versions only: `function:name:*` never matches the unqualified function, so it cannot be deleted.
    for (const action of TUNING_VERSION_ACTIONS) {
      const versions = functionNames.map((n) => `${arn(n)}:7`);
      expect(met(on(action), versions).flat().sort(), action).toEqual([...versions].sort());
      expect(met(on(action), functionNames.map(arn)).flat(), action).toEqual([]);
    }
    // Traffic's own entry points are no versions to measure: invoking the live alias or $LATEST is denied.
    const denied = denials(graph, "PatternDetector");
    expect(denied.every((d) => d.action === "lambda:InvokeFunction")).toBe(true);
    for (const qualifier of ["live", "$LATEST"]) {
      const entries = functionNames.map((n) => `${arn(n)}:${qualifier}`);
      expect(met(on("lambda:InvokeFunction"), entries).flat(), qualifier).toHaveLength(entries.length);
      for (const entry of entries)
        expect(
          denied.filter((d) => arnLike(d.resource, entry)),
          entry,
        ).toHaveLength(1);
    }
    expect(denied.filter((d) => functionNames.some((n) => arnLike(d.resource, `${arn(n)}:7`)))).toEqual([]);
    // Another stage's functions: one whose name extends this stage's, and the personal stage's.
    const elsewhere = [
      ...functionNames.map((n) => n.replace(`-${graph.app.stage}-`, `-${graph.app.stage}-2-`)),
      ...ofType(inject("dev"), "aws:lambda/function:Function").map((fn) => String(fn.inputs.name)),
    ];
    expect(elsewhere.length).toBe(2 * names.length);
    for (const action of [...TUNING_FUNCTION_ACTIONS, ...TUNING_VERSION_ACTIONS])
      expect(
        met(on(action), [...elsewhere.map(arn), ...elsewhere.map((n) => `${arn(n)}:7`)]).flat(),
        action,
      ).toEqual([]);
    expect(
      grants(graph, "PatternDetector").filter(
        (g) => g.resource.includes("*") && g.action.startsWith("lambda:"),
      ),
    ).toHaveLength(TUNING_VERSION_ACTIONS.length * names.length);
    for (const name of names.filter((n) => n !== "PatternDetector"))
      expect(
        grants(graph, name).filter((g) => g.action.startsWith("lambda:")),
        name,
      ).toEqual([]);
  });
});

describe("function settings", () => {
  it("reserves 50 concurrent executions for the PatternDetector in production only", () => {
    expect(lambda("PatternDetector").reservedConcurrentExecutions).toBe(50);
    const dev = inject("dev");
    const reserved = ofType(dev, "aws:lambda/function:Function").filter(
      (f) => f.inputs.reservedConcurrentExecutions !== undefined,
    );
    expect(reserved.map((f) => f.name)).toEqual([]);
    // A deployed personal or review stage shares the account's pool as well.
    for (const stage of ["alice", "pr-42", "staging"]) {
      expect(reservedExecutions(stage, "PatternDetector"), stage).toBeUndefined();
      expect(totalReservedExecutions(stage), stage).toBe(0);
    }
    expect(totalReservedExecutions("production")).toBe(50);
  });

  it("deploys core's thresholds to the ThresholdChecker, read back as the checker reads them", () => {
    const env = (lambda("ThresholdChecker").environment as { variables: Record<string, string> }).variables;
    expect(thresholdsFromEnv(env)).toEqual(DEFAULT_THRESHOLDS);
    // Each variable set (a missing one would read back as the default and hide here).
    expect(Number(env.THRESHOLD_MIN_CONFIDENCE)).toBe(DEFAULT_THRESHOLDS.minConfidence);
    expect(Number(env.THRESHOLD_PRICE_MOVE_PCT)).toBe(DEFAULT_THRESHOLDS.priceMovePct);
    expect(Number(env.THRESHOLD_VOLUME_SPIKE_RATIO)).toBe(DEFAULT_THRESHOLDS.volumeSpikeRatio);
  });

  it("points approval and alert links at the approver console", () => {
    // The ThresholdChecker's sweep tells a published alert's past events, each linking its alert's page.
    for (const name of ["AlertProcessor", "KinesisConsumer", "ThresholdChecker"]) {
      const env = (lambda(name).environment as { variables: Record<string, string> }).variables;
      expect(env.APPROVAL_BASE_URL, name).toMatch(/^https:\/\/.+\.cloudfront\.net/);
    }
  });
});

describe("event sources", () => {
  const mappings = ofType(graph, "aws:lambda/eventSourceMapping:EventSourceMapping");
  const mapping = (name: string) =>
    resource(graph, "aws:lambda/eventSourceMapping:EventSourceMapping", name).inputs;

  it("invokes the live aliases, never $LATEST", () => {
    expect(mappings).toHaveLength(3);
    for (const m of mappings) expect(String(m.inputs.functionName), m.name).toMatch(/:live$/);
  });

  it("feeds the KinesisConsumer from the enhanced fan-out consumer with the catalog's batching", () => {
    const settings = EVENT_SOURCES.KinesisConsumer;
    const consumer = resource(graph, "aws:kinesis/streamConsumer:StreamConsumer", "MarketDataConsumer");
    const failures = resource(graph, "aws:sqs/queue:Queue", "MarketDataFailuresQueue");
    expect(mapping("KinesisConsumerMapping")).toMatchObject({
      eventSourceArn: expect.stringContaining(`/consumer/${String(consumer.inputs.name)}`),
      batchSize: settings.batchSize,
      maximumBatchingWindowInSeconds: 5,
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: settings.maxRetries,
      functionResponseTypes: ["ReportBatchItemFailures"],
      destinationConfig: {
        onFailure: { destinationArn: expect.stringContaining(String(failures.inputs.name)) },
      },
    });
    // A Kinesis mapping takes 1 to 10,000 records a batch (Lambda API reference,
    // EventSourceMappingConfiguration, BatchSize); docs/capacity.md sizes it at 2,500.
    expect(settings.batchSize).toBeGreaterThanOrEqual(1);
    expect(settings.batchSize).toBeLessThanOrEqual(10_000);
  });

  // LATEST reads only records put after the mapping starts reading, so a feed's bars put between a first
  // deploy's stream and its enabled mapping were never read
  // (https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html, StartingPosition).
  it("starts the KinesisConsumer at the stream's oldest record, as the local poller does without a checkpoint", () => {
    expect(mapping("KinesisConsumerMapping").startingPosition).toBe("TRIM_HORIZON");
    expect(EVENT_SOURCES.KinesisConsumer.startingPosition).toBe("TRIM_HORIZON");
  });

  it("runs the KinesisConsumer's batches in parallel per shard as docs/capacity.md sizes them", () => {
    const factor = EVENT_SOURCES.KinesisConsumer.parallelizationFactor;
    expect(mapping("KinesisConsumerMapping").parallelizationFactor).toBe(factor);
    // Lambda takes 1 to 10 concurrent batches per shard.
    expect(factor).toBeGreaterThanOrEqual(1);
    expect(factor).toBeLessThanOrEqual(10);
    // docs/capacity.md: 8,000 symbols at 1-second bars need about 17 concurrent invocations at one vCPU
    // (1,769 MB), over the 8 shards 8,000 records/s need at least (a shard takes 1,000 records/s:
    // https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html); concurrency is at
    // most shards x factor (https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html). A factor
    // beyond the need only splits each shard's symbols into smaller batches.
    expect(8 * factor).toBeGreaterThanOrEqual(17);
    expect(8 * (factor - 1)).toBeLessThan(17);
  });

  it("feeds the AlertProcessor 10 messages at a time with partial batch responses", () => {
    expect(mapping("AlertProcessorMapping")).toMatchObject({
      eventSourceArn: expect.stringContaining("AlertQueueQueue"),
      batchSize: 10,
      functionResponseTypes: ["ReportBatchItemFailures"],
    });
    expect(mapping("ApprovalProcessorMapping")).toMatchObject({
      eventSourceArn: expect.stringContaining("PendingApprovalsQueue"),
      functionResponseTypes: ["ReportBatchItemFailures"],
    });
  });
  it("hides each SQS message for at least six times its consumer's timeout", () => {
    // "Set the queue's visibility timeout to at least six times the function timeout. This ensures Lambda
    // has enough time to retry if a function is throttled while processing a previous batch."
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-lambda-function-trigger.html
    // (and https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html). Below that, a throttled batch's
    // messages come back while Lambda still retries it, and each return counts towards maxReceiveCount.
    const fromQueues = mappings.filter((m) => String(m.inputs.eventSourceArn).startsWith("arn:aws:sqs:"));
    expect(fromQueues.map((m) => m.name).sort()).toEqual([
      "AlertProcessorMapping",
      "ApprovalProcessorMapping",
    ]);
    for (const m of fromQueues) {
      const queueName = String(m.inputs.eventSourceArn).split(":").at(-1);
      const queue = ofType(graph, "aws:sqs/queue:Queue").find((q) => q.inputs.name === queueName);
      const functionName = String(m.inputs.functionName).split(":").at(-2);
      const fn = ofType(graph, "aws:lambda/function:Function").find((f) => f.inputs.name === functionName);
      assert(queue && fn, `${m.name}: queue ${queueName} and function ${functionName} are declared`);
      expect(Number(queue.inputs.visibilityTimeoutSeconds), m.name).toBeGreaterThanOrEqual(
        6 * Number(fn.inputs.timeout),
      );
    }
  });
});

describe("Kinesis", () => {
  it("runs MarketDataStream on demand, 24 h retention, under the data key", () => {
    const stream = resource(graph, "aws:kinesis/stream:Stream", `${STREAM.name}Stream`);
    expect(stream.inputs).toMatchObject({
      streamModeDetails: { streamMode: "ON_DEMAND" },
      retentionPeriod: 24,
      encryptionType: "KMS",
      kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/DataKey",
    });
  });
});
