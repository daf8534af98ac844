// AWS's own limits that a deploy meets or fails on, checked on the synthesized stages (production, and a
// personal stage under `sst dev`) so a change that would make `sst deploy` fail halfway fails here first.
// Names are checked in stage-name.test.ts, queue visibility against consumers in functions.test.ts.
import { describe, expect, inject, it } from "vitest";
import { grants, ofType, type SynthGraph, type SynthResource } from "../scripts/synth/graph";
import { MAX_STAGE_LENGTH } from "./stage-name";

const graphs: [string, SynthGraph][] = [
  ["production", inject("production")],
  ["sst dev", inject("dev")],
];

/** A resource's inputs as they would read with the longest stage app() accepts in place of the stage. */
const atLongestStage = (graph: SynthGraph, text: string) =>
  text.replaceAll(graph.app.stage, "s".repeat(MAX_STAGE_LENGTH));

describe.each(graphs)("%s", (_, graph) => {
  const functions = ofType(graph, "aws:lambda/function:Function");
  const variables = (fn: SynthResource) =>
    ((fn.inputs.environment as { variables?: Record<string, string> } | undefined)?.variables ??
      {}) as Record<string, string>;

  // "The total size of all environment variables doesn't exceed 4 KB"; Lambda measures the variables as
  // JSON. Keys match [a-zA-Z]([a-zA-Z0-9_])+, and the runtime's own variables cannot be set.
  // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
  // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
  // https://docs.aws.amazon.com/lambda/latest/api/API_Environment.html
  const RESERVED = new Set([
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
    "TZ",
  ]);

  it("gives every function at most 4 KB of environment, under names Lambda lets a function set", () => {
    expect(functions.length).toBe(6);
    for (const fn of functions) {
      const env = variables(fn);
      const size = Buffer.byteLength(atLongestStage(graph, JSON.stringify(env)));
      expect(size, fn.name).toBeLessThanOrEqual(4096);
      for (const key of Object.keys(env)) {
        expect(key, fn.name).toMatch(/^[a-zA-Z][a-zA-Z0-9_]+$/);
        expect(RESERVED.has(key), `${fn.name} sets the reserved ${key}`).toBe(false);
      }
    }
  });

  // CreateFunction: MemorySize 128 to 10,240 MB, Timeout 1 to 900 s, EphemeralStorage 512 to 10,240 MB, one
  // architecture (x86_64 or arm64), ReservedConcurrentExecutions 0 or more.
  // https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
  // https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionConcurrency.html
  it("sizes and times every function within what CreateFunction accepts", () => {
    for (const fn of functions) {
      const memory = Number(fn.inputs.memorySize);
      expect(Number.isInteger(memory) && memory >= 128 && memory <= 10_240, `${fn.name}: ${memory} MB`).toBe(
        true,
      );
      const timeout = Number(fn.inputs.timeout);
      expect(Number.isInteger(timeout) && timeout >= 1 && timeout <= 900, `${fn.name}: ${timeout} s`).toBe(
        true,
      );
      const storage = Number((fn.inputs.ephemeralStorage as { size?: number } | undefined)?.size ?? 512);
      expect(storage >= 512 && storage <= 10_240, `${fn.name}: ${storage} MB of /tmp`).toBe(true);
      // Under `sst dev` SST deploys its own bridge in each function's place (x86_64, provided.al2023).
      expect([["x86_64"], ["arm64"]], fn.name).toContainEqual(fn.inputs.architectures);
      const reserved = fn.inputs.reservedConcurrentExecutions;
      if (reserved !== undefined) expect(Number(reserved), fn.name).toBeGreaterThanOrEqual(0);
    }
  });

  // CreateFunction: Description is at most 256 characters.
  // https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
  it("describes every function in at most 256 characters", () => {
    for (const fn of functions)
      expect(String(fn.inputs.description).length, fn.name).toBeLessThanOrEqual(256);
  });

  // A role's inline policies together may hold 10,240 characters, white space not counted; its trust
  // policy 2,048 (the default quota). https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
  it("keeps every role's inline policies within IAM's 10,240 characters, and its trust policy within 2,048", () => {
    const attached = ofType(graph, "aws:iam/rolePolicy:RolePolicy");
    const counted = (policy: string) => atLongestStage(graph, policy).replace(/\s/g, "").length;
    const roles = ofType(graph, "aws:iam/role:Role");
    expect(roles.length).toBeGreaterThanOrEqual(7);
    for (const role of roles) {
      const inline = ((role.inputs.inlinePolicies ?? []) as { policy?: string }[]).map((p) => p.policy ?? "");
      const separate = attached
        .filter((p) => role.inputs.name !== undefined && p.inputs.role === role.inputs.name)
        .map((p) => String(p.inputs.policy));
      const total = [...inline, ...separate].reduce((sum, policy) => sum + counted(policy), 0);
      expect(total, role.name).toBeLessThanOrEqual(10_240);
      expect(counted(String(role.inputs.assumeRolePolicy)), role.name).toBeLessThanOrEqual(2048);
    }
  });

  // A role declared with `inlinePolicies` or `managedPolicyArns` (every role SST creates for a function) has
  // them managed exclusively by the AWS provider: a policy put or attached to it separately is deleted by the
  // role's next update after a refresh. ("Configuring one empty block ... will cause the provider to remove
  // inline policies added out of band"; pulumi/pulumi-aws#4050.) So such a role gets no policy of its own.
  it("attaches no separate policy to a role that declares its inline or managed policies", () => {
    const exclusive = ofType(graph, "aws:iam/role:Role").filter(
      (role) => role.inputs.inlinePolicies !== undefined || role.inputs.managedPolicyArns !== undefined,
    );
    expect(exclusive.map((role) => role.name)).toContain("PatternDetectorRole");
    const names = new Set(exclusive.map((role) => role.inputs.name));
    const separate = [
      ...ofType(graph, "aws:iam/rolePolicy:RolePolicy"),
      ...ofType(graph, "aws:iam/rolePolicyAttachment:RolePolicyAttachment"),
      ...ofType(graph, "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive"),
    ].filter((policy) => names.has(policy.inputs.role as string));
    expect(separate.map((policy) => policy.name)).toEqual([]);
  });

  // PutRetentionPolicy takes only these numbers of days.
  // https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
  const RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
  ];

  it("keeps every log group for a number of days CloudWatch Logs accepts", () => {
    const groups = ofType(graph, "aws:cloudwatch/logGroup:LogGroup");
    expect(groups.length).toBe(8);
    for (const group of groups) expect(RETENTION_DAYS, group.name).toContain(group.inputs.retentionInDays);
  });

  // PutMetricAlarm: a period is 10, 20, 30 or a multiple of 60 seconds; Period x EvaluationPeriods is at
  // most 7 days, and at most 1 day when the period is under an hour; DatapointsToAlarm at most
  // EvaluationPeriods. https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
  it("evaluates every alarm over a window CloudWatch accepts", () => {
    const alarms = ofType(graph, "aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(alarms.length).toBeGreaterThanOrEqual(12);
    for (const alarm of alarms) {
      const queries = (alarm.inputs.metricQueries ?? []) as { metric?: { period?: number } }[];
      const periods = [
        ...(alarm.inputs.period === undefined ? [] : [Number(alarm.inputs.period)]),
        ...queries.flatMap((q) => (q.metric?.period === undefined ? [] : [Number(q.metric.period)])),
      ];
      expect(periods.length, alarm.name).toBeGreaterThan(0);
      const evaluations = Number(alarm.inputs.evaluationPeriods);
      for (const period of periods) {
        expect([10, 20, 30].includes(period) || period % 60 === 0, `${alarm.name}: ${period} s`).toBe(true);
        const window = period < 3600 ? 86_400 : 604_800;
        expect(period * evaluations, alarm.name).toBeLessThanOrEqual(window);
      }
      expect(Number(alarm.inputs.datapointsToAlarm ?? evaluations), alarm.name).toBeLessThanOrEqual(
        evaluations,
      );
    }
  });

  // CreateTable's AttributeDefinitions describe the key schema of the table and its indexes, and DynamoDB
  // refuses a table that defines an attribute no key uses (or uses one it does not define).
  // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
  it("defines on every table exactly the attributes its keys and indexes use", () => {
    const tables = ofType(graph, "aws:dynamodb/table:Table");
    expect(tables.length).toBe(5);
    for (const table of tables) {
      const defined = (table.inputs.attributes as { name: string }[]).map((a) => a.name).sort();
      const indexes = (table.inputs.globalSecondaryIndexes ?? []) as { hashKey: string; rangeKey?: string }[];
      const keys = [
        table.inputs.hashKey,
        table.inputs.rangeKey,
        ...indexes.flatMap((i) => [i.hashKey, i.rangeKey]),
      ].filter((key): key is string => typeof key === "string");
      expect(defined, table.name).toEqual([...new Set(keys)].sort());
    }
  });

  // CloudFront Functions: at most 10 KB of code; the KeyValueStore SST's router reads needs the 2.0 runtime.
  // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-functions
  // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-20.html
  it("keeps each CloudFront Function within 10 KB, on the cloudfront-js-2.0 runtime", () => {
    const edge = ofType(graph, "aws:cloudfront/function:Function");
    // Under `sst dev` the console runs on Vite and SST deploys no site.
    const expected = [
      "ApproverConsoleCloudfrontFunctionRequest",
      "ApproverConsoleCloudfrontFunctionResponse",
    ];
    expect(edge.map((f) => f.name).sort()).toEqual(graph.app.dev ? [] : expected);
    for (const fn of edge) {
      expect(fn.inputs.runtime, fn.name).toBe("cloudfront-js-2.0");
      expect(Buffer.byteLength(atLongestStage(graph, String(fn.inputs.code))), fn.name).toBeLessThanOrEqual(
        10 * 1024,
      );
    }
  });

  // Lambda reads the stream with the function's role, which needs these before the mapping is created:
  // https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-create.html. SubscribeToShard acts on the
  // enhanced fan-out consumer, the others on the stream
  // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonkinesisdatastreams.html).
  it("lets the KinesisConsumer's role do what Lambda needs to read the stream through its consumer", () => {
    const [mapping, ...others] = ofType(graph, "aws:lambda/eventSourceMapping:EventSourceMapping").filter(
      (m) => String(m.inputs.eventSourceArn).startsWith("arn:aws:kinesis:"),
    );
    expect(others).toEqual([]);
    const consumer = String(mapping?.inputs.eventSourceArn);
    const stream = consumer.slice(0, consumer.indexOf("/consumer/"));
    expect(stream).toMatch(/^arn:aws:kinesis:[^:]+:\d{12}:stream\/[^/]+$/);
    const allowed = grants(graph, "KinesisConsumer");
    const needed = [
      ...["DescribeStream", "DescribeStreamSummary", "GetRecords", "GetShardIterator", "ListShards"].map(
        (action) => ({ action: `kinesis:${action}`, resource: stream }),
      ),
      { action: "kinesis:SubscribeToShard", resource: consumer },
    ];
    for (const grant of needed) expect(allowed, grant.action).toContainEqual(grant);
  });

  // PutDashboard: a body holds 0 to 500 widgets on a grid 24 columns wide (x 0-23, width 1-24, height
  // 1-1000); a metric widget's metrics array holds at most 100 metrics and expressions, and math ids start
  // with a lower-case letter, unique in their widget.
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
  // A dashboard shows at most 2,500 metrics across its widgets (a SEARCH counts as the series it finds, up
  // to 500, so this counts its lines as written, the least it can be).
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html
  it("keeps the operations dashboard within what PutDashboard accepts", () => {
    const [dashboard, ...others] = ofType(graph, "aws:cloudwatch/dashboard:Dashboard");
    expect(others).toEqual([]);
    const { widgets } = JSON.parse(String(dashboard?.inputs.dashboardBody)) as {
      widgets: {
        type: string;
        x: number;
        y: number;
        width: number;
        height: number;
        properties: { title?: string; metrics?: unknown[][] };
      }[];
    };
    expect(widgets.length).toBeGreaterThan(0);
    expect(widgets.length).toBeLessThanOrEqual(500);
    let lines = 0;
    for (const widget of widgets) {
      const name = widget.properties.title ?? widget.type;
      expect(widget.x, name).toBeGreaterThanOrEqual(0);
      expect(widget.width, name).toBeGreaterThanOrEqual(1);
      expect(widget.x + widget.width, name).toBeLessThanOrEqual(24);
      expect(widget.height, name).toBeGreaterThanOrEqual(1);
      expect(widget.height, name).toBeLessThanOrEqual(1000);
      const metrics = widget.properties.metrics ?? [];
      expect(metrics.length, name).toBeLessThanOrEqual(100);
      lines += metrics.length;
      const ids = metrics.flatMap((line) =>
        line.flatMap((part) => (typeof part === "object" && part && "id" in part ? [String(part.id)] : [])),
      );
      for (const id of ids) expect(id, name).toMatch(/^[a-z][A-Za-z0-9_]*$/);
      expect(new Set(ids).size, name).toBe(ids.length);
    }
    expect(lines).toBeLessThanOrEqual(2500);
    // No two widgets on the same cells: each is drawn where it is placed.
    const cells = new Set<string>();
    for (const widget of widgets)
      for (let x = widget.x; x < widget.x + widget.width; x++)
        for (let y = widget.y; y < widget.y + widget.height; y++) {
          expect(cells.has(`${x},${y}`), `${widget.properties.title} overlaps at ${x},${y}`).toBe(false);
          cells.add(`${x},${y}`);
        }
  });

  // Express workflows run Request Response integrations only: no `.sync`, no `.waitForTaskToken`, and no
  // activities. https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html
  // https://docs.aws.amazon.com/step-functions/latest/dg/choosing-workflow-type.html
  it("asks of its EXPRESS workflows only what EXPRESS runs: request-response tasks", () => {
    const machines = ofType(graph, "aws:sfn/stateMachine:StateMachine");
    expect(machines.length).toBe(2);
    for (const machine of machines) {
      expect(machine.inputs.type).toBe("EXPRESS");
      const resources = [...String(machine.inputs.definition).matchAll(/"Resource":"([^"]+)"/g)].map(
        ([, arn]) => arn ?? "",
      );
      expect(resources.length, machine.name).toBeGreaterThan(2);
      for (const arn of resources) {
        expect(arn, machine.name).not.toMatch(/\.(sync|waitForTaskToken)(:\d+)?$/);
        expect(arn, machine.name).not.toMatch(/:activity:/);
      }
    }
  });
});

describe("the API's WebACL and models (production)", () => {
  const [, graph] = graphs[0] as [string, SynthGraph];

  // Rule: "The priorities don't need to be consecutive, but they must all be different."
  // https://docs.aws.amazon.com/waf/latest/APIReference/API_Rule.html
  // VisibilityConfig.MetricName: letters, digits, hyphens and underscores, 1 to 128 characters, and not a
  // name WAF reserves (All, Default_Action). https://docs.aws.amazon.com/waf/latest/APIReference/API_VisibilityConfig.html
  it("gives each WAF rule its own priority, and every metric a name WAF accepts with the longest stage", () => {
    const [acl, ...more] = ofType(graph, "aws:wafv2/webAcl:WebAcl");
    expect(more).toEqual([]);
    const rules = (acl?.inputs.rules ?? []) as {
      priority: number;
      visibilityConfig: { metricName: string };
    }[];
    expect(rules.length).toBeGreaterThanOrEqual(5);
    expect(new Set(rules.map((r) => r.priority)).size).toBe(rules.length);
    const metrics = [acl?.inputs.visibilityConfig, ...rules.map((r) => r.visibilityConfig)].map((v) =>
      atLongestStage(graph, String((v as { metricName: string }).metricName)),
    );
    for (const metric of metrics) {
      expect(metric).toMatch(/^[A-Za-z0-9_-]{1,128}$/);
      expect(["All", "Default_Action"]).not.toContain(metric);
    }
  });

  // CreateModel: "The name of the model. Must be alphanumeric." The schema is at most 400 KB.
  // https://docs.aws.amazon.com/apigateway/latest/api/API_CreateModel.html
  it("names every request model with letters and digits only, each schema under 400 KB", () => {
    const models = ofType(graph, "aws:apigateway/model:Model");
    expect(models.length).toBeGreaterThanOrEqual(2);
    for (const model of models) {
      expect(String(model.inputs.name), model.name).toMatch(/^[A-Za-z0-9]+$/);
      expect(Buffer.byteLength(String(model.inputs.schema)), model.name).toBeLessThan(400 * 1024);
    }
  });
});
