// Pulumi mocks for the offline synth: answer each resource with the outputs AWS would compute, and
// record every resource registration and invoke so the graph can be written out and asserted on.

/** One declared resource, as Pulumi registered it (inputs after every transform). */
export interface SynthResource {
  type: string;
  name: string;
  custom: boolean;
  inputs: Record<string, unknown>;
  /** Retain on delete, ignored changes, parent and explicit provider, when set (added when the graph is written). */
  options?: { retainOnDelete?: boolean; ignoreChanges?: string[]; parent?: string; provider?: string };
}

/** An invoke (data source) the program made, e.g. `aws:iam/getPolicyDocument:getPolicyDocument`. */
export interface SynthInvoke {
  token: string;
  inputs: Record<string, unknown>;
}

/** The account and region every mocked ARN is built from. */
export const MOCK_ACCOUNT = "123456789012";
export const MOCK_REGION = "us-east-1";

type State = Record<string, unknown>;

const arn = (service: string, resource: string, region = MOCK_REGION) =>
  `arn:aws:${service}:${region}:${MOCK_ACCOUNT}:${resource}`;

/** Physical name the resource would get: its `name` input if any, else the logical name. */
function physical(name: string, inputs: State, key = "name"): string {
  const value = inputs[key];
  return typeof value === "string" && value !== "" ? value : name;
}

/** Computed outputs per resource type; anything not listed gets a generic ARN. */
const COMPUTED: Record<string, (name: string, inputs: State) => State> = {
  "aws:kms/key:Key": (name) => ({ arn: arn("kms", `key/${name}`), keyId: `${name}-key-id` }),
  "aws:dynamodb/table:Table": (name, i) => ({
    arn: arn("dynamodb", `table/${physical(name, i)}`),
    streamArn: arn("dynamodb", `table/${physical(name, i)}/stream/1970-01-01T00:00:00.000`),
  }),
  "aws:sqs/queue:Queue": (name, i) => ({
    arn: arn("sqs", physical(name, i)),
    url: `https://sqs.${MOCK_REGION}.amazonaws.com/${MOCK_ACCOUNT}/${physical(name, i)}`,
  }),
  "aws:sns/topic:Topic": (name, i) => ({ arn: arn("sns", physical(name, i)) }),
  "aws:kinesis/stream:Stream": (name, i) => ({ arn: arn("kinesis", `stream/${physical(name, i)}`) }),
  "aws:kinesis/streamConsumer:StreamConsumer": (name, i) => ({
    arn: `${String(i.streamArn)}/consumer/${physical(name, i)}:1`,
  }),
  "aws:lambda/function:Function": (name, i) => {
    const fnArn = arn("lambda", `function:${physical(name, i)}`);
    return {
      arn: fnArn,
      qualifiedArn: `${fnArn}:1`,
      version: i.publish ? "1" : "$LATEST",
      invokeArn: `arn:aws:apigateway:${MOCK_REGION}:lambda:path/2015-03-31/functions/${fnArn}/invocations`,
    };
  },
  "aws:lambda/alias:Alias": (name, i) => {
    const aliasArn = `${arn("lambda", `function:${String(i.functionName)}`)}:${physical(name, i)}`;
    return {
      arn: aliasArn,
      invokeArn: `arn:aws:apigateway:${MOCK_REGION}:lambda:path/2015-03-31/functions/${aliasArn}/invocations`,
    };
  },
  "aws:iam/role:Role": (name, i) => ({ arn: `arn:aws:iam::${MOCK_ACCOUNT}:role/${physical(name, i)}` }),
  "aws:cloudwatch/logGroup:LogGroup": (name, i) => ({ arn: arn("logs", `log-group:${physical(name, i)}`) }),
  "aws:sfn/stateMachine:StateMachine": (name, i) => ({
    arn: arn("states", `stateMachine:${physical(name, i)}`),
  }),
  "aws:apigateway/restApi:RestApi": (name) => ({
    rootResourceId: `${name}-root`,
    executionArn: arn("execute-api", `${name}-id`),
  }),
  "aws:apigateway/resource:Resource": (_name, i) => ({ path: `/${String(i.pathPart)}` }),
  "aws:apigateway/stage:Stage": (_name, i) => ({
    arn: `arn:aws:apigateway:${MOCK_REGION}::/restapis/${String(i.restApi)}/stages/${String(i.stageName)}`,
    invokeUrl: `https://${String(i.restApi)}.execute-api.${MOCK_REGION}.amazonaws.com/${String(i.stageName)}`,
    executionArn: arn("execute-api", `${String(i.restApi)}/${String(i.stageName)}`),
  }),
  "aws:wafv2/webAcl:WebAcl": (name, i) => ({
    arn: arn("wafv2", `regional/webacl/${physical(name, i)}/${name}-id`),
  }),
  "aws:s3/bucketV2:BucketV2": (name, i) => {
    // With a prefix the provider appends a unique 26-character suffix (a timestamp and a counter); a fixed one here.
    const bucket =
      typeof i.bucketPrefix === "string" ? `${i.bucketPrefix}${"0".repeat(26)}` : physical(name, i, "bucket");
    return {
      bucket,
      arn: `arn:aws:s3:::${bucket}`,
      bucketDomainName: `${bucket}.s3.amazonaws.com`,
      bucketRegionalDomainName: `${bucket}.s3.${MOCK_REGION}.amazonaws.com`,
    };
  },
  "aws:cloudfront/distribution:Distribution": (name) => ({
    domainName: `${name.toLowerCase()}.cloudfront.net`,
    arn: `arn:aws:cloudfront::${MOCK_ACCOUNT}:distribution/${name}`,
  }),
  "aws:cloudwatch/eventRule:EventRule": (name, i) => ({ arn: arn("events", `rule/${physical(name, i)}`) }),
  "aws:cloudwatch/metricAlarm:MetricAlarm": (name, i) => ({
    arn: arn("cloudwatch", `alarm:${physical(name, i)}`),
  }),
  "aws:codedeploy/application:Application": (name, i) => ({ name: physical(name, i) }),
  "aws:codedeploy/deploymentGroup:DeploymentGroup": (name, i) => ({
    deploymentGroupName: physical(name, i, "deploymentGroupName"),
  }),
  "aws:cloudwatch/dashboard:Dashboard": (name, i) => ({
    dashboardArn: `arn:aws:cloudwatch::${MOCK_ACCOUNT}:dashboard/${physical(name, i, "dashboardName")}`,
  }),
  "random:index/randomBytes:RandomBytes": () => ({
    base64: Buffer.alloc(32, 7).toString("base64"),
    hex: Buffer.alloc(32, 7).toString("hex"),
  }),
  "random:index/randomId:RandomId": () => ({ hex: "0a0b0c0d", b64Url: "CgsMDQ", dec: "168496141" }),
};

/** Renders an `iam.getPolicyDocument` request as the JSON policy AWS would return. */
function policyDocument(inputs: State): string {
  const statements = (inputs.statements as State[] | undefined) ?? [];
  const capital = (value: unknown) => {
    const text = String(value ?? "Allow");
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: statements.map((s) => {
      const principals = s.principals as { type: string; identifiers: string[] }[] | undefined;
      const conditions = s.conditions as { test: string; variable: string; values: string[] }[] | undefined;
      return {
        ...(s.sid ? { Sid: s.sid } : {}),
        Effect: capital(s.effect),
        ...(s.actions ? { Action: s.actions } : {}),
        ...(s.resources ? { Resource: s.resources } : {}),
        ...(principals
          ? { Principal: Object.fromEntries(principals.map((p) => [p.type, p.identifiers])) }
          : {}),
        ...(conditions
          ? {
              Condition: Object.fromEntries(
                conditions.map((c) => [c.test, { [c.variable]: c.values }] as const),
              ),
            }
          : {}),
      };
    }),
  });
}

/** Answers for data sources; unknown ones are recorded and answered with an empty object. */
const INVOKES: Record<string, (inputs: State) => State> = {
  "aws:index/getRegion:getRegion": () => ({ name: MOCK_REGION, id: MOCK_REGION }),
  "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" }),
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({
    accountId: MOCK_ACCOUNT,
    arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/synth`,
    userId: "synth",
    id: MOCK_ACCOUNT,
  }),
  "aws:iam/getPolicyDocument:getPolicyDocument": (inputs) => ({
    ...inputs,
    json: policyDocument(inputs),
    id: "policy",
  }),
};

/** Pulumi's wire form of a secret: the synth reads through it (placeholders stand in for real secrets). */
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Replaces secret wrappers by their values, deeply, so computed outputs and the graph read plainly. */
export function reveal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reveal);
  if (value === null || typeof value !== "object") return value;
  const record = value as State;
  if (record["4dabf18193072939515e22adb298388d"] === SECRET_SIG) return reveal(record.value);
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, reveal(v)]));
}

/** Runs a `command:local:Command` (a site build) as a deploy would; returns its stdout. */
export type CommandRunner = (inputs: State) => Promise<string>;

/** Pulumi `Mocks` that record the graph into `resources` and `invokes`. */
export function recordingMocks(
  resources: SynthResource[],
  invokes: SynthInvoke[],
  runCommand?: CommandRunner,
) {
  return {
    async newResource(args: { type: string; name: string; inputs: State; custom?: boolean; id?: string }) {
      const inputs = reveal(args.inputs) as State;
      resources.push({ type: args.type, name: args.name, custom: args.custom ?? true, inputs });
      const computed = COMPUTED[args.type]?.(args.name, inputs) ?? {};
      if (args.type === "command:local:Command" && runCommand) computed.stdout = await runCommand(inputs);
      const service = args.type.split(":")[1]?.split("/")[0] ?? "unknown";
      return {
        id: args.id || `${args.name}-id`,
        state: {
          arn: arn(service, physical(args.name, inputs)),
          name: physical(args.name, inputs),
          ...inputs,
          ...computed,
        },
      };
    },
    call(args: { token: string; inputs: State }) {
      const inputs = reveal(args.inputs) as State;
      invokes.push({ token: args.token, inputs });
      return INVOKES[args.token]?.(inputs) ?? {};
    },
  };
}
