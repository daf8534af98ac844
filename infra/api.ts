// The public REST API: the Hono function behind API Gateway (every route to its `live` alias),
// body validation and throttling on one stage, redeployed whenever the API's definition changes.
//
// There is no API Gateway canary: every integration invokes the Api's `live` alias, so a canary
// deployment could only differ in routes and models, which the synth tests check before a deploy. The
// function code, where releases differ, goes out through CodeDeploy's 10%/5-minute shift of the alias
// with alarm rollback (release.ts), and the one public stage sits behind the WebACL (waf.ts).

import {
  GATEWAY_PROBLEMS,
  type GatewayProblemType,
  MIN_COMPRESSED_ANSWER_BYTES,
} from "@stock-patterns/core/contracts";
import { FAMILY_BRANCHES, PATTERN_ANALYSIS_TASK_STATES } from "@stock-patterns/core/workflow";
import { prefix } from "./account";
import { deploymentTrigger } from "./api-definition";
import { MODELS, pathName, ROUTES, resourcePaths } from "./api-routes";
import { analysisExecutions, analysisThrottling, STAGE_THROTTLING } from "./capacity";
import { gatewayAnswerParameters, gatewayProblem } from "./front-answers";
import { allowInvoke, tradingFunction } from "./lambda";
import { tradingAlerts } from "./messaging";
import { alerts, approvalTracking, evidenceSnapshots, symbolWindows, tradingPatterns } from "./storage";
import { patternAnalysisLink } from "./workflow";

/** API keys of the console's users: `[{ name, role, sha256 }]`, set with `sst secret set ApiKeys`. */
export const apiKeys = new sst.Secret("ApiKeys");

/** The one stage callers use (part of every URL, and of the path the WAF sees). */
export const API_STAGE_NAME = "v1";

export const api = tradingFunction("Api", {
  handler: "packages/functions/src/api/lambda.handler",
  description: "The Hono router: patterns, alerts, stats, approvals, health",
  // One full vCPU: GET /stats?asOf= across symbols makes a Query per listed series, CPU-bound on the
  // SDK's work; at 512 MB (0.29 vCPU) the capacity model's 8,000 series would need 30 to 43 s, past API
  // Gateway's 29 s (docs/capacity.md, "Evidence snapshots").
  memory: "1769 MB",
  releasedByCodeDeploy: true,
  // EvidenceSnapshots: GET /stats reads them (Query only; the Api writes none). SymbolWindows: GET /bars
  // reads a series' held bars (GetItem only; the KinesisConsumer alone writes windows).
  link: [
    tradingPatterns,
    alerts,
    approvalTracking,
    evidenceSnapshots,
    symbolWindows,
    tradingAlerts,
    patternAnalysisLink,
    apiKeys,
  ],
});

export const restApi = new aws.apigateway.RestApi("TradingApi", {
  name: `${prefix}-api`,
  description: "Stock pattern detection: analyse bars, read patterns and alerts, decide approvals",
  endpointConfiguration: { types: "REGIONAL" },
  // Answers of 1 KB or more compressed for a caller that asks (gzip, deflate): a page of alerts, mostly
  // evidence, is a quarter the bytes. A string of the integer, as the provider takes it; the stage serves
  // it from its next deployment (api-definition.ts counts it).
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-enable-compression.html
  minimumCompressionSize: String(MIN_COMPRESSED_ANSWER_BYTES),
});

const validator = new aws.apigateway.RequestValidator("TradingApiValidator", {
  restApi: restApi.id,
  name: "body-and-parameters",
  validateRequestBody: true,
  validateRequestParameters: true,
});

const models = Object.fromEntries(
  Object.entries(MODELS).map(([name, schema]) => [
    name,
    new aws.apigateway.Model(`TradingApi${name}Model`, {
      restApi: restApi.id,
      name,
      contentType: "application/json",
      schema: JSON.stringify(schema),
    }),
  ]),
);

/** `declared[key]`; every path and model a route names is declared above, so a miss is a bug named here. */
function declaredOne<T>(declared: Readonly<Record<string, T>>, key: string, what: string): T {
  const found = declared[key];
  if (found === undefined) throw new Error(`no API Gateway ${what} declared for ${key}`);
  return found;
}

const resources: Record<string, aws.apigateway.Resource> = {};
// resourcePaths lists every parent before its children.
for (const path of resourcePaths(ROUTES)) {
  const parentPath = path.slice(0, path.lastIndexOf("/"));
  resources[path] = new aws.apigateway.Resource(`TradingApi${pathName(path)}Resource`, {
    restApi: restApi.id,
    parentId: parentPath ? declaredOne(resources, parentPath, "resource").id : restApi.rootResourceId,
    pathPart: path.slice(path.lastIndexOf("/") + 1),
  });
}

const invokeArn = api.alias ? api.alias.invokeArn : api.fn.nodes.function.invokeArn;

/** A method on a resource proxied to the Api function. */
function proxyMethod(path: string, method: string, model?: string) {
  const resource = declaredOne(resources, path, "resource");
  const name = `TradingApi${method.charAt(0)}${method.slice(1).toLowerCase()}${pathName(path)}`;
  const params = Object.fromEntries(
    [...path.matchAll(/\{(\w+)\}/g)].map(([, param]) => [`method.request.path.${param}`, true]),
  );
  const created = new aws.apigateway.Method(`${name}Method`, {
    restApi: restApi.id,
    resourceId: resource.id,
    httpMethod: method,
    authorization: "NONE",
    requestParameters: params,
    ...(model
      ? {
          requestValidatorId: validator.id,
          requestModels: { "application/json": declaredOne(models, model, "model").name },
        }
      : {}),
  });
  const integration = new aws.apigateway.Integration(`${name}Integration`, {
    restApi: restApi.id,
    resourceId: resource.id,
    httpMethod: created.httpMethod,
    type: "AWS_PROXY",
    integrationHttpMethod: "POST",
    uri: invokeArn,
  });
  return [created, integration];
}

const routePaths = [...new Set(ROUTES.map((route) => route.path))];
/**
 * Each path's ANY method takes every method the path does not declare, so the Hono app answers them as
 * `npm start` does: CORS preflights (OPTIONS), and 405 with an Allow header for the rest. Without it API
 * Gateway answers an undeclared method 403 "Missing Authentication Token".
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-any-method.html
 */
const methods = [
  ...ROUTES.flatMap((route) => proxyMethod(route.path, route.method, route.model)),
  ...routePaths.flatMap((path) => proxyMethod(path, "ANY")),
];

/**
 * API Gateway's own answers carry the API's answer headers, and those this API can meet (a body the
 * validator refuses, an unknown path, a throttled route, a timed-out integration) a problem document with
 * their status (core's GATEWAY_PROBLEMS, written by front-answers.ts), a throttled route's 429 when to try
 * again (Retry-After). Every other 4XX and 5XX type falls back to DEFAULT_4XX or DEFAULT_5XX,
 * which keep AWS's body and status. A WAF custom response (waf.ts) takes precedence over these.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
const gatewayResponses = [
  ...(["DEFAULT_4XX", "DEFAULT_5XX"] as const).map((responseType) => ({
    responseType,
    responseParameters: gatewayAnswerParameters(),
  })),
  ...(Object.keys(GATEWAY_PROBLEMS) as GatewayProblemType[]).map((responseType) => ({
    responseType,
    ...gatewayProblem(responseType),
  })),
].map(
  (answer) =>
    new aws.apigateway.Response(`TradingApi${answer.responseType.replaceAll("_", "")}Response`, {
      restApiId: restApi.id,
      ...answer,
    }),
);

allowInvoke(api, "apigateway.amazonaws.com", $interpolate`${restApi.executionArn}/*/*`, "TradingApi");

/**
 * A new deployment whenever anything callers see changes: the API's compression, resources, methods,
 * integrations, models, gateway responses.
 */
const deployment = new aws.apigateway.Deployment(
  "TradingApiDeployment",
  {
    restApi: restApi.id,
    description: `${prefix} routes`,
    triggers: {
      definition: deploymentTrigger([
        restApi,
        validator,
        ...Object.values(models),
        ...Object.values(resources),
        ...methods,
        ...gatewayResponses,
      ]),
    },
  },
  { dependsOn: [...methods, ...gatewayResponses] },
);

/** The stage users call. */
export const stage = new aws.apigateway.Stage("TradingApiStage", {
  restApi: restApi.id,
  stageName: API_STAGE_NAME,
  deployment: deployment.id,
  xrayTracingEnabled: true,
});

const stageThrottling = new aws.apigateway.MethodSettings("TradingApiStageThrottling", {
  restApi: restApi.id,
  stageName: stage.stageName,
  methodPath: "*/*",
  settings: {
    throttlingRateLimit: STAGE_THROTTLING.rateLimit,
    throttlingBurstLimit: STAGE_THROTTLING.burstLimit,
    metricsEnabled: true,
  },
});

/** POST /patterns at the rate the PatternDetector's executions carry (ManualReview is not a queue). */
export const ANALYSIS_THROTTLING = analysisThrottling(
  analysisExecutions($app.stage),
  // Every task but ManualReview runs on the way to an answer; the families run side by side.
  PATTERN_ANALYSIS_TASK_STATES.length - 1,
  FAMILY_BRANCHES.length,
);

// After the stage-wide settings: both patch the same stage, and API Gateway refuses concurrent changes.
new aws.apigateway.MethodSettings(
  "TradingApiAnalysisThrottling",
  {
    restApi: restApi.id,
    stageName: stage.stageName,
    methodPath: "patterns/POST",
    settings: {
      throttlingRateLimit: ANALYSIS_THROTTLING.rateLimit,
      throttlingBurstLimit: ANALYSIS_THROTTLING.burstLimit,
      metricsEnabled: true,
    },
  },
  { dependsOn: [stageThrottling] },
);

/** Base URL of the API. */
export const apiUrl = stage.invokeUrl;
/** Where approval links point: POST {approvalApiUrl}/{token}. */
export const approvalApiUrl = $interpolate`${apiUrl}/approve`;
