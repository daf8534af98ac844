// The app as a whole: stage policy (removal, protection, tags, region), the outputs (every queue's URL
// among them), and what `sst dev` leaves out.
import assert from "node:assert";
import { readFileSync } from "node:fs";
import { QUEUE_URL_OUTPUTS } from "@stock-patterns/core/catalog";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ofType, resource, type SynthGraph } from "../scripts/synth/graph";
import { CONSOLE_DEV_COMMAND, CONSOLE_DEV_URL } from "./console-dev";
import { MAX_STAGE_LENGTH } from "./stage-name";

interface AppConfig {
  app(input: { stage: string }): Promise<{
    name: string;
    home: string;
    removal: string;
    protect: boolean;
    providers: {
      aws: { version: string; region: string; defaultTags: { tags: Record<string, string> } };
    };
  }>;
}

const OUTPUTS = [
  "ApiGatewayUrl",
  "ApprovalApiUrl",
  "AlertQueueUrl",
  "AlertQueueDLQUrl",
  "PendingApprovalsQueueUrl",
  "PendingApprovalsDLQUrl",
  "RejectedMarketDataQueueUrl",
  "MarketDataFailuresQueueUrl",
  "KinesisStreamArn",
  "PatternAnalysisWorkflowArn",
  "PowerTuningWorkflowArn",
  "LiveAliasArn",
  "DeploymentGroupName",
  "WebAclArn",
  "DashboardUrl",
  "ApproverConsoleUrl",
];

const deployDoc = readFileSync(new URL("../docs/deploy.md", import.meta.url), "utf8");
let config: AppConfig;
const production: SynthGraph = inject("production");
const dev: SynthGraph = inject("dev");

beforeAll(async () => {
  (globalThis as Record<string, unknown>).$config = (input: AppConfig) => input;
  config = ((await import("../sst.config")) as unknown as { default: AppConfig }).default;
});

describe("app()", () => {
  it("homes the app in AWS us-east-1 and tags every resource with project, stage and cost center", async () => {
    const app = await config.app({ stage: "production" });
    expect(app.name).toBe("stock-patterns");
    expect(app.home).toBe("aws");
    expect(app.providers.aws.region).toBe("us-east-1");
    expect(app.providers.aws.defaultTags.tags).toEqual({
      Project: "stock-patterns",
      Environment: "production",
      CostCenter: expect.any(String),
    });
    expect((await config.app({ stage: "pr-42" })).providers.aws.defaultTags.tags.Environment).toBe("pr-42");
  });

  it("retains production's data on removal and removes every other stage", async () => {
    expect(await config.app({ stage: "production" })).toMatchObject({ removal: "retain", protect: true });
    expect(await config.app({ stage: "alice" })).toMatchObject({ removal: "remove", protect: false });
    expect((await config.app({ stage: "pr-42" })).removal).toBe("remove");
  });

  it("refuses, before creating anything, a stage whose names AWS would reject, and says why", async () => {
    const longest = `s${"1".repeat(MAX_STAGE_LENGTH - 1)}`;
    expect((await config.app({ stage: longest })).name).toBe("stock-patterns");
    for (const stage of ["Alice", "pr_42", "42-pr", "pr-", "a--b", `${longest}x`]) {
      await expect(config.app({ stage }), stage).rejects.toThrow(
        `Stage "${stage}" cannot be deployed: use 1-23`,
      );
    }
    await expect(config.app({ stage: `${longest}x` })).rejects.toThrow(
      /the 37 characters S3's limit on bucket names leaves it/,
    );
  });
});

describe("versions", () => {
  it("pins SST 3.19.3 and the Pulumi SDKs it expects, and deploys with that @pulumi/aws", async () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect(pkg.devDependencies).toMatchObject({
      sst: "3.19.3",
      "@pulumi/aws": "6.66.2",
      "@pulumi/pulumi": "3.210.0",
    });
    expect((await config.app({ stage: "production" })).providers.aws.version).toBe(
      pkg.devDependencies["@pulumi/aws"],
    );
  });
});

describe("synthesized stages", () => {
  it("keeps production's tables and log bucket when the stage is removed, and not a personal stage's", () => {
    const kept = (graph: SynthGraph) =>
      [...ofType(graph, "aws:dynamodb/table:Table"), ...ofType(graph, "aws:s3/bucketV2:BucketV2")]
        .filter((r) => r.options?.retainOnDelete)
        .map((r) => r.name)
        .sort();
    expect(kept(production)).toEqual(
      [
        "AlertsTable",
        "ApprovalTrackingTable",
        "EvidenceSnapshotsTable",
        "SymbolWindowsTable",
        "TradingPatternsTable",
        "WafLogBucket",
      ].sort(),
    );
    expect(kept(dev)).toEqual([]);
  });

  // `sst remove` leaves these behind, and `sst deploy` of the same stage then creates them again: a name fixed by
  // the stage (and account) would be taken by the kept copy. S3 refuses a second bucket of one name
  // (BucketAlreadyOwnedByYou; in us-east-1 the AWS provider checks first and fails with BucketAlreadyExists),
  // DynamoDB a second table (ResourceInUseException). SST draws a random suffix for its tables when first
  // created (ignoreChanges on the name keeps it); a bucket we name ourselves takes a prefix the provider
  // completes with a unique suffix.
  const NAMELESS = [
    "aws:kms/key:Key",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
  ];
  it("names nothing production keeps on removal by its stage alone, so the stage can be deployed again", () => {
    const retained = production.resources.filter((r) => r.options?.retainOnDelete);
    expect(retained.length).toBeGreaterThan(0);
    for (const r of retained) {
      if (r.type === "aws:dynamodb/table:Table") {
        expect(r.options?.ignoreChanges, r.name).toContain("name");
        expect(String(r.inputs.name), r.name).toMatch(/-[a-z]{8}$/);
      } else if (r.type === "aws:s3/bucketV2:BucketV2") {
        expect(r.inputs.bucket, r.name).toBeUndefined();
        expect(String(r.inputs.bucketPrefix), r.name).toMatch(/-$/);
      } else {
        // No name of their own: the key has an id AWS draws, a bucket's settings belong to their bucket.
        expect(NAMELESS, `${r.name}: a kept resource with no rule for its name`).toContain(r.type);
      }
    }
  });

  // Removing the stage deletes every resource not kept, and deleting a bucket's public access block, encryption
  // or lifecycle configuration takes it off the bucket (DeletePublicAccessBlock, DeleteBucketEncryption,
  // DeleteBucketLifecycle): the kept bucket of logs would stay behind without its guard or its tiering.
  it("keeps with production's kept buckets the settings declared on them", () => {
    const kept = ofType(production, "aws:s3/bucketV2:BucketV2").filter((b) => b.options?.retainOnDelete);
    expect(kept.length).toBeGreaterThan(0);
    for (const bucket of kept) {
      const settings = production.resources.filter(
        (r) => r.type.startsWith("aws:s3/") && r.inputs.bucket === `${bucket.name}-id`,
      );
      expect(settings.map((r) => r.type).sort(), bucket.name).toEqual([
        "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
      ]);
      for (const r of settings) expect(r.options?.retainOnDelete, r.name).toBe(true);
    }
  });

  it("keeps production's data key with its tables, so retained tables stay readable", () => {
    expect(resource(production, "aws:kms/key:Key", "DataKey").options?.retainOnDelete).toBe(true);
    expect(resource(dev, "aws:kms/key:Key", "DataKey").options?.retainOnDelete).toBeUndefined();
  });

  it.each([
    ["production", production],
    ["alice", dev],
  ])(
    "tags every AWS resource of %s: all on the default provider, none overriding its tags",
    (stage, graph) => {
      const tags = { Project: "stock-patterns", Environment: stage, CostCenter: expect.any(String) };
      expect((graph.providers.aws as { defaultTags: { tags: unknown } }).defaultTags.tags).toEqual(tags);
      const aws = graph.resources.filter((r) => r.type.startsWith("aws:"));
      expect(aws.length).toBeGreaterThan(50);
      // An explicit provider would not carry the app's default tags unless given them: there is none.
      expect(aws.filter((r) => r.options?.provider).map((r) => r.name)).toEqual([]);
      expect(ofType(graph, "pulumi:providers:aws")).toEqual([]);
      // A resource's own tags win over the provider's: none may restate these three.
      for (const r of aws) {
        const own = Object.keys((r.inputs.tags ?? {}) as Record<string, string>);
        expect(
          own.filter((key) => key in tags),
          r.name,
        ).toEqual([]);
      }
    },
  );

  it("gives the provider the region and default tags the synth evaluated", () => {
    expect(production.providers).toMatchObject({
      aws: { region: "us-east-1", defaultTags: { tags: { Environment: "production" } } },
    });
    expect(dev.providers).toMatchObject({ aws: { defaultTags: { tags: { Environment: "alice" } } } });
  });

  it("returns exactly the sixteen outputs, each resolved", () => {
    expect(Object.keys(production.outputs).sort()).toEqual([...OUTPUTS].sort());
    for (const name of OUTPUTS) expect(production.outputs[name], name).toMatch(/\S/);
    expect(production.outputs.ApiGatewayUrl).toMatch(
      /^https:\/\/.+\.execute-api\.us-east-1\.amazonaws\.com\/v1$/,
    );
    expect(production.outputs.ApprovalApiUrl).toBe(`${production.outputs.ApiGatewayUrl}/approve`);
    expect(production.outputs.LiveAliasArn).toMatch(/^arn:aws:lambda:.+:function:.+:live$/);
    expect(production.outputs.DashboardUrl).toMatch(/#dashboards:name=stock-patterns-production-operations$/);
    // Where approvers open the console: its CloudFront address, or the dev server's under `sst dev`.
    expect(production.outputs.ApproverConsoleUrl).toMatch(/^https:\/\/[\w.-]+\.cloudfront\.net$/);
    expect(dev.outputs.ApproverConsoleUrl).toBe(CONSOLE_DEV_URL);
  });

  // docs/reliability.md section 7 reads every dead-letter and set-aside queue from these outputs.
  it.each([
    ["AlertQueueUrl", "AlertQueue"],
    ["AlertQueueDLQUrl", "AlertQueueDLQ"],
    ["PendingApprovalsQueueUrl", "PendingApprovals"],
    ["PendingApprovalsDLQUrl", "PendingApprovalsDLQ"],
    ["RejectedMarketDataQueueUrl", "RejectedMarketData"],
    ["MarketDataFailuresQueueUrl", "MarketDataFailures"],
  ])("outputs as %s the URL of %s, as core's catalog names it", (output, queue) => {
    expect(QUEUE_URL_OUTPUTS[queue as keyof typeof QUEUE_URL_OUTPUTS]).toBe(output);
    for (const graph of [production, dev]) {
      const { name } = resource(graph, "aws:sqs/queue:Queue", `${queue}Queue`).inputs;
      expect(String(graph.outputs[output]), graph.app.stage).toMatch(new RegExp(`/${name}$`));
    }
  });

  it("outputs the URL of every queue of core's catalog, each dead-letter queue and set-aside queue", () => {
    const queues = ofType(production, "aws:sqs/queue:Queue").map((q) => q.name.replace(/Queue$/, ""));
    expect(Object.keys(QUEUE_URL_OUTPUTS).sort()).toEqual(queues.sort());
    // Each dead-letter queue's URL is the queue its source's redrive policy names.
    for (const source of ["AlertQueue", "PendingApprovals"]) {
      const { redrivePolicy } = resource(production, "aws:sqs/queue:Queue", `${source}Queue`).inputs;
      const target = String(JSON.parse(String(redrivePolicy)).deadLetterTargetArn)
        .split(":")
        .at(-1);
      expect(String(production.outputs[`${source}DLQUrl`])).toMatch(new RegExp(`/${target}$`));
    }
  });

  it("leaves the aliases, CodeDeploy and the WAF out of sst dev", () => {
    for (const type of [
      "aws:codedeploy/application:Application",
      "aws:codedeploy/deploymentGroup:DeploymentGroup",
      "aws:wafv2/webAcl:WebAcl",
      "aws:lambda/alias:Alias",
    ]) {
      expect(ofType(production, type).length, type).toBeGreaterThan(0);
      expect(ofType(dev, type), type).toEqual([]);
    }
    expect(dev.resources.filter((r) => r.name.startsWith("WafLog")).map((r) => r.name)).toEqual([]);
    expect(production.resources.filter((r) => r.name.startsWith("WafLog")).length).toBe(4);
    const stages = ofType(dev, "aws:apigateway/stage:Stage");
    expect(stages.map((s) => s.name)).toEqual(["TradingApiStage"]);
    const [only] = stages;
    assert(only, "the stage listed above");
    expect(only.inputs.canarySettings).toBeUndefined();
    expect(Object.keys(dev.outputs)).not.toContain("WebAclArn");
    expect(Object.keys(dev.outputs)).not.toContain("DeploymentGroupName");
  });

  it("keeps a valid dashboard under sst dev: no empty widget for the missing WAF", () => {
    const body = JSON.parse(
      String(ofType(dev, "aws:cloudwatch/dashboard:Dashboard")[0]?.inputs.dashboardBody),
    );
    const metricWidgets = body.widgets.filter((w: { type: string }) => w.type === "metric");
    expect(metricWidgets.length).toBeGreaterThanOrEqual(14);
    for (const w of metricWidgets) expect(w.properties.metrics.length, w.properties.title).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toContain("BlockedRequests");
  });

  // SST's StaticSite is not deployed under `sst dev`: the CLI runs its dev command (Vite) with its environment
  // (VITE_API_URL, the stage's API) in its own pane (platform/src/components/aws/static-site.ts, "sst dev").
  it("serves the console from the developer's machine under sst dev, where approval links point, as docs/deploy.md says", () => {
    const { url } = resource(dev, "sst:sst:LinkRef", "ApproverConsoleLinkRef").inputs.properties as {
      url: string;
    };
    expect(url).toBe(CONSOLE_DEV_URL);
    // Vite serves on that port or fails: it would otherwise move to the next free one, away from the links.
    expect(CONSOLE_DEV_COMMAND).toMatch(new RegExp(`--port ${new URL(url).port} --strictPort$`));
    expect(
      dev.resources.filter((r) => r.type.startsWith("aws:") && r.name.startsWith("ApproverConsole")),
    ).toEqual([]);
    const linked = ofType(dev, "aws:lambda/function:Function").flatMap((fn) => {
      const variables = (fn.inputs.environment as { variables?: Record<string, string> }).variables ?? {};
      return variables.APPROVAL_BASE_URL === undefined ? [] : [variables.APPROVAL_BASE_URL];
    });
    expect(linked.length).toBeGreaterThan(0);
    for (const base of linked) expect(base).toBe(url);
    const step = deployDoc.slice(deployDoc.indexOf("## 2. "), deployDoc.indexOf("## 3. "));
    expect(step).toContain(url);
    expect(step).toContain("VITE_API_URL");
  });

  it("gives a personal stage the stream and consumer AWS charges by the hour, as step 2 of docs/deploy.md warns", () => {
    const [stream] = ofType(dev, "aws:kinesis/stream:Stream");
    expect(stream?.inputs.streamModeDetails).toEqual({ streamMode: "ON_DEMAND" });
    expect(ofType(dev, "aws:kinesis/streamConsumer:StreamConsumer")).toHaveLength(1);
    const step = deployDoc.slice(deployDoc.indexOf("## 2. "), deployDoc.indexOf("## 3. "));
    expect(step).toMatch(/on-demand Kinesis stream\s+and its enhanced fan-out consumer by the hour/);
    expect(step).toContain("npx sst remove --stage alice");
  });

  it("runs every function live under sst dev (SST registers each as a dev target)", () => {
    expect(dev.cliCalls).toContain("Runtime.AddTarget");
    expect(dev.cliCalls).not.toContain("Runtime.Build");
    expect(dev.functions.map((f) => f.functionID).sort()).toEqual(
      production.functions.map((f) => f.functionID).sort(),
    );
  });
});
