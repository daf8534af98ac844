// The public REST API: the Hono function behind API Gateway (every route to its `live` alias),
// body validation, throttling, a stage canary taking 10% of traffic and a canary stage to test it.
import { createHash } from "node:crypto";
import { prefix } from "./account";
import { MODELS, pathName, ROUTES, resourcePaths } from "./api-routes";
import { allowInvoke, tradingFunction } from "./lambda";
import { tradingAlerts } from "./messaging";
import { alerts, approvalTracking, tradingPatterns } from "./storage";
import { patternAnalysisLink } from "./workflow";

/** API keys of the console's users: `[{ name, role, sha256 }]`, set with `sst secret set ApiKeys`. */
export const apiKeys = new sst.Secret("ApiKeys");

/** Throttling of every method of the stage. */
export const THROTTLING = { rateLimit: 1000, burstLimit: 2000 } as const;
/** Share of the stage's traffic the canary deployment takes. */
export const CANARY_PERCENT = 10;

export const api = tradingFunction("Api", {
  handler: "packages/functions/src/api/lambda.handler",
  description: "The Hono router: patterns, alerts, approvals, health",
  memory: "512 MB",
  timeout: "29 seconds",
  releasedByCodeDeploy: true,
  link: [tradingPatterns, alerts, approvalTracking, tradingAlerts, patternAnalysisLink, apiKeys],
});

export const restApi = new aws.apigateway.RestApi("TradingApi", {
  name: `${prefix}-api`,
  description: "Stock pattern detection: analyse bars, read patterns and alerts, decide approvals",
  endpointConfiguration: { types: "REGIONAL" },
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

const resources: Record<string, aws.apigateway.Resource> = {};
for (const path of resourcePaths(ROUTES)) {
  const parentPath = path.slice(0, path.lastIndexOf("/"));
  resources[path] = new aws.apigateway.Resource(`TradingApi${pathName(path)}Resource`, {
    restApi: restApi.id,
    parentId: parentPath ? resources[parentPath].id : restApi.rootResourceId,
    pathPart: path.slice(path.lastIndexOf("/") + 1),
  });
}

const invokeArn = api.alias ? api.alias.invokeArn : api.fn.nodes.function.invokeArn;

/** A method on a resource proxied to the Api function; OPTIONS lets the Hono app answer CORS preflights. */
function proxyMethod(path: string, method: string, model?: string) {
  const resource = resources[path];
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
      ? { requestValidatorId: validator.id, requestModels: { "application/json": models[model].name } }
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
const methods = [
  ...ROUTES.flatMap((route) => proxyMethod(route.path, route.method, route.model)),
  ...routePaths.flatMap((path) => proxyMethod(path, "OPTIONS")),
];

allowInvoke(api, "apigateway.amazonaws.com", $interpolate`${restApi.executionArn}/*/*`, "TradingApi");

/** A new deployment whenever the routes or models change. */
const deployment = new aws.apigateway.Deployment(
  "TradingApiDeployment",
  {
    restApi: restApi.id,
    description: `${prefix} routes`,
    triggers: {
      routes: createHash("sha256").update(JSON.stringify({ ROUTES, MODELS })).digest("hex"),
    },
  },
  { dependsOn: methods },
);

/** The stage users call; outside `sst dev` a canary deployment takes 10% of its traffic. */
export const stage = new aws.apigateway.Stage("TradingApiStage", {
  restApi: restApi.id,
  stageName: "v1",
  deployment: deployment.id,
  xrayTracingEnabled: true,
  canarySettings: $dev
    ? undefined
    : { percentTraffic: CANARY_PERCENT, deploymentId: deployment.id, useStageCache: false },
});

/** A stage serving only the newest deployment: smoke-test a release before it takes more traffic. */
export const canaryStage = $dev
  ? undefined
  : new aws.apigateway.Stage("TradingApiCanaryStage", {
      restApi: restApi.id,
      stageName: "canary",
      deployment: deployment.id,
      xrayTracingEnabled: true,
    });

for (const [name, target] of [
  ["Stage", stage],
  ["CanaryStage", canaryStage],
] as const) {
  if (!target) continue;
  new aws.apigateway.MethodSettings(`TradingApi${name}Throttling`, {
    restApi: restApi.id,
    stageName: target.stageName,
    methodPath: "*/*",
    settings: {
      throttlingRateLimit: THROTTLING.rateLimit,
      throttlingBurstLimit: THROTTLING.burstLimit,
      metricsEnabled: true,
    },
  });
}

/** Base URL of the API. */
export const apiUrl = stage.invokeUrl;
/** Base URL of the canary stage (the API URL under `sst dev`, where there is no canary). */
export const canaryApiUrl = canaryStage ? canaryStage.invokeUrl : stage.invokeUrl;
/** Where approval links point: POST {approvalApiUrl}/{token}. */
export const approvalApiUrl = $interpolate`${apiUrl}/approve`;
