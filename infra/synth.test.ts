// The synth's own parts: how it bundles handlers (and fails clearly), reads a bundle's links, rejects a bad
// stage name and reports a missing resource; the mocks' computed outputs and policy documents.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleFunction, linkReads, sdkCommands } from "../scripts/synth/function-build";
import { resource, type SynthGraph } from "../scripts/synth/graph";
import { recordingMocks, type SynthInvoke, type SynthResource } from "../scripts/synth/mocks";
import { recordOptions } from "../scripts/synth/options";
import { resourceCalls } from "../scripts/synth/resource-calls";
import { synthesize } from "../scripts/synth/synthesize";

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "synth-"));
  await writeFile(
    join(root, "ok.ts"),
    'import { Resource } from "./resource";\nexport const handler = async () => Resource.Alerts.name;\n',
  );
  await writeFile(join(root, "resource.ts"), "export const Resource = { Alerts: { name: 'alerts' } };\n");
  await writeFile(join(root, "other.ts"), "export const main = () => 1;\n");
  await writeFile(join(root, "broken.ts"), "export const handler = () => {;\n");
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("bundleFunction", () => {
  it("bundles a handler as ESM and reports the links it reads", async () => {
    const answer = await bundleFunction(root, join(root, "work"), {
      functionID: "Ok",
      handler: "ok.handler",
    });
    expect(answer).toMatchObject({ handler: "ok.handler", errors: [], reads: ["Alerts"] });
    expect(answer.out).toBe(join(root, "work", "artifacts", "Ok-src"));
  });

  it("fails clearly on a missing file, a missing export and a syntax error", async () => {
    const work = join(root, "work");
    const missing = await bundleFunction(root, work, { functionID: "A", handler: "nowhere.handler" });
    expect(missing.errors).toEqual(["Handler not found: nowhere.handler"]);
    const noExport = await bundleFunction(root, work, { functionID: "B", handler: "other.handler" });
    expect(noExport.errors).toEqual([`${join(root, "other.ts")} does not export "handler"`]);
    const broken = await bundleFunction(root, work, { functionID: "C", handler: "broken.handler" });
    expect(broken.errors[0]).toMatch(/^broken\.handler: /);
  });
});

describe("linkReads", () => {
  it('finds Resource.Name and linked("Name", …) reads, ignoring Resource.App', () => {
    expect(
      linkReads('x = Resource.Alerts.name; y = linked( "AlertQueue", "url"); z = Resource.App.stage'),
    ).toEqual(["AlertQueue", "Alerts"]);
  });
});

describe("sdkCommands", () => {
  it("names each SDK command a bundle constructs once, renamed classes included", () => {
    expect(
      sdkCommands("a = new GetCommand({}); b = new PutItemCommand2(x); c = new GetCommand(y); new Command()"),
    ).toEqual(["Get", "PutItem"]);
  });
});

describe("resourceCalls", () => {
  // A bundle as esbuild writes it: each module after a `// path` line.
  const bundle = [
    "// ../node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/GetCommand.js",
    "var GetCommand = class { constructor(i) { this.c = new GetItemCommand(i); } };",
    "// ../node_modules/@aws-sdk/client-lambda/dist-es/waiters/waitForFunctionUpdated.js",
    "const w = () => new GetFunctionConfigurationCommand({});",
    "// packages/functions/src/repositories/conditional.ts",
    "async function updateIf(input) { return dynamo().send(new UpdateCommand(input)); }",
    "async function readPage(kind, input) {",
    "  return kind === 'query' ? send(new QueryCommand2(input)) : send(new ScanCommand2(input));",
    "}",
    "// packages/functions/src/repositories/scan.ts",
    "async function* scanAll(table, attributes) {",
    "  do { page = await send(new ScanCommand({ TableName: table, A: attributes })); } while (page.k);",
    "}",
    "// packages/functions/src/stream/repository.ts",
    'async function* following() { yield* scanAll(linked("SymbolWindows", "name"), ["patternIds"]); }',
    "// packages/functions/src/alerts/repository.ts",
    'async function getAlert2(id) { return send(new GetCommand({ TableName: linked("Alerts", "name"), Key: { id } })); }',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bundled code as text, with a template literal in it
    "async function moveAlert(id) { return updateIf(moveInput(id, `(${id})`)); }",
    'async function listAlerts(q) { return readPage("query", { TableName: t, IndexName: "byCreatedAt", F: "(a)" }); }',
    "// packages/functions/src/messaging/queues.ts",
    'async function enqueue(a) { await send(new SendMessageBatchCommand({ QueueUrl: linked("AlertQueue", "url") })); }',
    'async function defer(h) { await send(new ChangeMessageVisibilityCommand({ QueueUrl: linked("PendingApprovals", "url") })); }',
    "async function odd(url) { await send(new SendMessageCommand({ QueueUrl: url })); }",
  ].join("\n");

  it("ties each call of our code to the link it names, or its module's one link, an index query to the index", () => {
    expect(resourceCalls(bundle).calls).toEqual({
      AlertQueue: ["sqs:SendMessage"],
      Alerts: ["dynamodb:GetItem", "dynamodb:UpdateItem"],
      "Alerts/index/byCreatedAt": ["dynamodb:Query"],
      PendingApprovals: ["sqs:ChangeMessageVisibility"],
      SymbolWindows: ["dynamodb:Scan"],
    });
  });

  it("reports a call that names no one link, and what dependencies call beside the document client", () => {
    const report = resourceCalls(bundle);
    expect(report.unattributed).toEqual(["SendMessage in packages/functions/src/messaging/queues.ts"]);
    expect(report.foreign).toEqual([
      "GetFunctionConfiguration in ../node_modules/@aws-sdk/client-lambda/dist-es/waiters/waitForFunctionUpdated.js",
    ]);
  });
});

describe("synthesize", () => {
  it("rejects a stage name SST could not use", async () => {
    await expect(synthesize({ stage: "../prod" })).rejects.toThrow('Invalid stage "../prod"');
  });
});

describe("graph queries", () => {
  it("names what exists when a resource is missing", () => {
    const graph = {
      resources: [{ type: "t", name: "A", custom: true, inputs: {} }],
    } as unknown as SynthGraph;
    expect(() => resource(graph, "t", "B")).toThrow("No t named B; found: A");
  });
});

describe("recordOptions", () => {
  it("records retain on delete, ignored changes, parent and explicit provider by logical name", () => {
    const registered: string[] = [];
    const monitor = {
      registerResource: (request: { getName(): string }, _callback: unknown) =>
        registered.push(request.getName()),
    };
    const options = recordOptions(monitor);
    const request = (name: string, provider: string, retain: boolean, ignore: string[]) => ({
      getType: () => "aws:sqs/queue:Queue",
      getName: () => name,
      getParent: () => "urn:pulumi:prod::app::sst:aws:Queue::Alerts",
      getRetainondelete: () => retain,
      getIgnorechangesList: () => ignore,
      getProvider: () => provider,
    });
    const east = "urn:pulumi:prod::app::pulumi:providers:aws::AwsProvider.sst.us-east-1::0a1b-id";
    monitor.registerResource(request("Explicit", east, true, ["tags"]), undefined);
    monitor.registerResource(request("Default", "", false, []), undefined);
    expect(registered).toEqual(["Explicit", "Default"]);
    expect(options.get("aws:sqs/queue:Queue::Explicit")).toEqual({
      retainOnDelete: true,
      ignoreChanges: ["tags"],
      parent: "Alerts",
      provider: "AwsProvider.sst.us-east-1",
    });
    expect(options.get("aws:sqs/queue:Queue::Default")).toEqual({ parent: "Alerts" });
  });
});

describe("mocks", () => {
  const resources: SynthResource[] = [];
  const invokes: SynthInvoke[] = [];
  const mocks = recordingMocks(resources, invokes);

  it("answers queues with the URL and ARN AWS would compute, and records the inputs", async () => {
    const queue = await mocks.newResource({
      type: "aws:sqs/queue:Queue",
      name: "Q",
      inputs: { name: "app-q" },
    });
    expect(queue.state).toMatchObject({
      url: "https://sqs.us-east-1.amazonaws.com/123456789012/app-q",
      arn: "arn:aws:sqs:us-east-1:123456789012:app-q",
    });
    expect(resources.at(-1)).toEqual({
      type: "aws:sqs/queue:Queue",
      name: "Q",
      custom: true,
      inputs: { name: "app-q" },
    });
  });

  it("renders getPolicyDocument statements as IAM JSON", () => {
    const answer = mocks.call({
      token: "aws:iam/getPolicyDocument:getPolicyDocument",
      inputs: { statements: [{ effect: "allow", actions: ["sqs:SendMessage"], resources: ["arn:q"] }] },
    });
    expect(JSON.parse(String(answer.json))).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["sqs:SendMessage"], Resource: ["arn:q"] }],
    });
    expect(invokes.at(-1)?.token).toBe("aws:iam/getPolicyDocument:getPolicyDocument");
  });
});
