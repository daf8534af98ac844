// Runs before each test file: quiet Powertools, fresh emulators for this file, links and endpoints in env.
// The handlers read SST links when "sst" is first imported, so this must happen before any import of src/.
// A worker's files share one module graph (test/worker.ts): each starts from the first file's environment,
// and at its end leaves no spy, stubbed variable or fake clock, and no workflow still running.

import { sha256Hex } from "@stock-patterns/core";
import { METRICS_NAMESPACE } from "@stock-patterns/core/contracts";
import { patternAnalysisDefinition } from "@stock-patterns/core/workflow";
import { closeServer, listen, stepFunctionsServer } from "@stock-patterns/emulators";
import { afterAll, vi } from "vitest";
import { TRACING_OFF } from "#observability/tracing-off";
import { startEmulators } from "./emulators";
import { TEST_KEYS } from "./keys";
import { testExecutions, workflowSpec } from "./step-functions";
import { keepEnvironment, keepPort, keptPort, restoreEnvironment } from "./worker";

restoreEnvironment();

Object.assign(process.env, {
  POWERTOOLS_SERVICE_NAME: "stock-patterns-test",
  POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
  ...TRACING_OFF,
  POWERTOOLS_METRICS_DISABLED: "true",
  POWERTOOLS_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "SILENT",
  APPROVAL_BASE_URL: "http://127.0.0.1:5173/",
});

process.env.SST_RESOURCE_ApiKeys = JSON.stringify({
  value: JSON.stringify([
    { name: "rita", role: "reader", sha256: sha256Hex(TEST_KEYS.reader) },
    { name: "ann", role: "analyst", sha256: sha256Hex(TEST_KEYS.analyst) },
    { name: "alice", role: "approver", sha256: sha256Hex(TEST_KEYS.approver) },
  ]),
});

const WORKFLOW_ARN = "arn:aws:states:us-east-1:000000000000:stateMachine:PatternAnalysisWorkflow";
const DETECTOR_ARN = "arn:aws:lambda:us-east-1:000000000000:function:PatternDetector";

const aws = await startEmulators();
Object.assign(process.env, aws.env);
process.env.SST_RESOURCE_PatternAnalysisWorkflow = JSON.stringify({ arn: WORKFLOW_ARN });

const { handler: detector } = await import("#handlers/pattern-detector");
const executions = testExecutions([
  workflowSpec(WORKFLOW_ARN, patternAnalysisDefinition(DETECTOR_ARN), (event) => detector(event)),
]);
const stepFunctions = stepFunctionsServer(executions);
process.env.AWS_ENDPOINT_URL_SFN = await listen(stepFunctions, keptPort("sfn"));
keepPort("sfn", process.env.AWS_ENDPOINT_URL_SFN);
keepEnvironment();

// Runs after the file's own afterAll hooks (vitest runs after-hooks last registered first).
afterAll(async () => {
  await executions.allFinished();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  await Promise.all([aws.stop(), closeServer(stepFunctions)]);
});
