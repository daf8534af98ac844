// The REST API's stage: throttling that fits the PatternDetector's reserved executions, an analysis within
// the API's 29 s, the Api's CPU for GET /stats?asOf=, and redeploys on any definition change.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FUNCTION_TIMEOUT_SECONDS } from "@stock-patterns/core/catalog";
import { MIN_COMPRESSED_ANSWER_BYTES } from "@stock-patterns/core/contracts";
import { describe, expect, inject, it } from "vitest";
import { ofType, resource, type SynthGraph } from "../scripts/synth/graph";
import { DEFINITION_FIELDS, definitionFingerprint } from "./api-definition";
import { ANALYSIS_TASK_SECONDS, cpuShare, MODEL_SERIES, STATS_AS_OF_CPU_MS_PER_SERIES } from "./capacity";

const graph: SynthGraph = inject("production");

describe("stage", () => {
  const stage = resource(graph, "aws:apigateway/stage:Stage", "TradingApiStage").inputs;

  it("throttles every method at 1000 requests/s with bursts of 2000", () => {
    const settings = resource(
      graph,
      "aws:apigateway/methodSettings:MethodSettings",
      "TradingApiStageThrottling",
    );
    expect(settings.inputs).toMatchObject({
      stageName: stage.stageName,
      methodPath: "*/*",
      settings: { throttlingRateLimit: 1000, throttlingBurstLimit: 2000 },
    });
  });

  it("throttles POST /patterns so its analyses fit the PatternDetector's reserved executions", () => {
    const analysis = resource(
      graph,
      "aws:apigateway/methodSettings:MethodSettings",
      "TradingApiAnalysisThrottling",
    ).inputs as {
      methodPath: string;
      stageName: string;
      settings: { throttlingRateLimit: number; throttlingBurstLimit: number };
    };
    expect(analysis).toMatchObject({ methodPath: "patterns/POST", stageName: stage.stageName });
    const reserved = Number(
      resource(graph, "aws:lambda/function:Function", "PatternDetectorFunction").inputs
        .reservedConcurrentExecutions,
    );
    // Read the work per analysis off the deployed definition: its tasks on the way to an answer, and
    // how many of them run at once.
    const definition = JSON.parse(
      String(
        resource(graph, "aws:sfn/stateMachine:StateMachine", "PatternAnalysisWorkflow").inputs.definition,
      ),
    ) as {
      States: Record<string, { Type: string; Branches?: { States: Record<string, { Type: string }> }[] }>;
    };
    const states = Object.entries(definition.States);
    const parallel = states.find(([, s]) => s.Type === "Parallel")?.[1].Branches ?? [];
    const tasks =
      states.filter(([name, s]) => s.Type === "Task" && name !== "ManualReview").length +
      parallel.flatMap((b) => Object.values(b.States)).filter((s) => s.Type === "Task").length;
    expect([reserved, tasks, parallel.length]).toEqual([50, 6, 3]);
    expect(analysis.settings.throttlingRateLimit * tasks * ANALYSIS_TASK_SECONDS).toBeLessThanOrEqual(
      reserved,
    );
    expect(analysis.settings.throttlingBurstLimit * parallel.length).toBeLessThanOrEqual(reserved);
    expect(analysis.settings.throttlingRateLimit).toBeGreaterThan(0);
  });

  it("ends an analysis before the API's 29 s, so callers get its outcome and no execution outlives them", () => {
    const definition = JSON.parse(
      String(
        resource(graph, "aws:sfn/stateMachine:StateMachine", "PatternAnalysisWorkflow").inputs.definition,
      ),
    ) as { TimeoutSeconds: number };
    const apiTimeout = Number(resource(graph, "aws:lambda/function:Function", "ApiFunction").inputs.timeout);
    expect(apiTimeout).toBe(29);
    expect(definition.TimeoutSeconds).toBeLessThan(apiTimeout);
  });

  it("gives the Api the CPU to pool GET /stats?asOf= over the model's 8,000 series in half its 29 s", () => {
    // One Query a listed series, CPU-bound on the SDK's work: at 512 MB (0.29 vCPU) 8,000 series need
    // about 44 s of the function's time (the bench's CPU over the share), past API Gateway's 29 s: a 504.
    const { memorySize, timeout } = resource(graph, "aws:lambda/function:Function", "ApiFunction").inputs;
    const seconds = (MODEL_SERIES * STATS_AS_OF_CPU_MS_PER_SERIES) / 1000 / cpuShare(Number(memorySize));
    expect(Number(timeout)).toBe(FUNCTION_TIMEOUT_SECONDS.Api);
    expect(seconds).toBeLessThanOrEqual(FUNCTION_TIMEOUT_SECONDS.Api / 2);
  });

  it("is the one stage, traced, with no API Gateway canary (CodeDeploy releases the code behind it)", () => {
    expect(ofType(graph, "aws:apigateway/stage:Stage").map((s) => s.name)).toEqual(["TradingApiStage"]);
    expect(stage).toMatchObject({ stageName: "v1", xrayTracingEnabled: true });
    expect(stage.canarySettings).toBeUndefined();
    expect(Object.keys(graph.outputs)).not.toContain("CanaryApiUrl");
  });

  it("redeploys when anything in the API's definition changes, not only the route list", () => {
    const deployment = resource(graph, "aws:apigateway/deployment:Deployment", "TradingApiDeployment");
    const parts = graph.resources.filter((r) => r.type in DEFINITION_FIELDS);
    // The API itself and every resource, method, integration, model and validator of it count towards the
    // trigger.
    expect(new Set(parts.map((p) => p.type))).toEqual(new Set(Object.keys(DEFINITION_FIELDS)));
    const trigger = (deployment.inputs.triggers as { definition: string }).definition;
    expect(trigger).toBe(definitionFingerprint(parts));
    // A changed integration (here: its target) gives another fingerprint, so another deployment.
    const moved = parts.map((p) =>
      p.type === "aws:apigateway/integration:Integration"
        ? { ...p, inputs: { ...p.inputs, uri: "other" } }
        : p,
    );
    expect(definitionFingerprint(moved)).not.toBe(trigger);
    // So does another compression size: "you must deploy the API after enabling the compression".
    const recompressed = parts.map((p) =>
      p.type === "aws:apigateway/restApi:RestApi"
        ? { ...p, inputs: { ...p.inputs, minimumCompressionSize: "0" } }
        : p,
    );
    expect(definitionFingerprint(recompressed)).not.toBe(trigger);
    expect(stage.deployment).toBe(`${deployment.name}-id`);
  });

  // `sst deploy` from a laptop and from CI must agree on the fingerprint, or each redeploys the stage. A
  // locale's collation would reorder names: Danish sorts "Aa" after "Z", Estonian "z" before "t".
  it("fingerprints the same definition alike on every machine, whatever its locale", () => {
    const parts = graph.resources.filter((r) => r.type in DEFINITION_FIELDS);
    const model = "aws:apigateway/model:Model";
    const named = (name: string) => ({ type: model, name, inputs: { name, schema: "{}" } });
    const collating = [...parts, named("TradingApiModelAa"), named("TradingApiModelZt")];
    const dir = mkdtempSync(join(tmpdir(), "fingerprint-"));
    try {
      const partsFile = join(dir, "parts.json");
      writeFileSync(partsFile, JSON.stringify([parts, collating]));
      const script = [
        `import { readFileSync } from "node:fs";`,
        `import { definitionFingerprint } from ${JSON.stringify(join(import.meta.dirname, "api-definition.ts"))};`,
        `const lists = JSON.parse(readFileSync(${JSON.stringify(partsFile)}, "utf8"));`,
        "process.stdout.write(JSON.stringify(lists.map(definitionFingerprint)));",
      ].join("\n");
      const scriptFile = join(dir, "fingerprint.ts");
      writeFileSync(scriptFile, script);
      const fingerprintsUnder = (locale: string) =>
        JSON.parse(
          execFileSync(process.execPath, ["--import", "tsx", scriptFile], {
            env: { ...process.env, LANG: locale, LC_ALL: locale },
            encoding: "utf8",
          }),
        ) as string[];
      const here = [definitionFingerprint(parts), definitionFingerprint(collating)];
      for (const locale of ["C", "da_DK.UTF-8", "et_EE.UTF-8"]) {
        expect(fingerprintsUnder(locale), locale).toEqual(here);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("answer compression", () => {
  // API Gateway compresses an answer of at least minimumCompressionSize bytes for a caller whose
  // Accept-Encoding asks (gzip, deflate); the provider takes the size as a string of an integer from -1 to
  // 10485760, -1 turning compression off.
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-enable-compression.html
  // https://docs.aws.amazon.com/apigateway/latest/api/API_RestApi.html#minimumCompressionSize
  it("compresses answers from core's MIN_COMPRESSED_ANSWER_BYTES, as npm start's server does", () => {
    const restApi = resource(graph, "aws:apigateway/restApi:RestApi", "TradingApi").inputs;
    expect(restApi.minimumCompressionSize).toBe(String(MIN_COMPRESSED_ANSWER_BYTES));
    expect(MIN_COMPRESSED_ANSWER_BYTES).toBeGreaterThanOrEqual(0);
    expect(MIN_COMPRESSED_ANSWER_BYTES).toBeLessThanOrEqual(10_485_760);
    expect(Number.isInteger(MIN_COMPRESSED_ANSWER_BYTES)).toBe(true);
  });
});
