// What makes up the REST API's definition, and its fingerprint. API Gateway serves a stage from a
// deployment, a snapshot of the API taken when the deployment is created: a change to a method,
// integration, model, validator, resource, gateway response or the API's compression reaches callers only
// through a new deployment. The deployment's trigger is this fingerprint, so any such change (not only the
// route list) redeploys.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-deployments.html
import { createHash } from "node:crypto";
import { codeUnitOrder } from "@stock-patterns/core";

/** The inputs of each definition resource type that callers see through a deployment. */
export const DEFINITION_FIELDS: Readonly<Record<string, readonly string[]>> = {
  // "For an existing API, you must deploy the API after enabling the compression in order for the change
  // to take effect." (api-gateway-enable-compression.html)
  "aws:apigateway/restApi:RestApi": ["minimumCompressionSize"],
  "aws:apigateway/resource:Resource": ["parentId", "pathPart"],
  "aws:apigateway/method:Method": [
    "resourceId",
    "httpMethod",
    "authorization",
    "apiKeyRequired",
    "requestParameters",
    "requestValidatorId",
    "requestModels",
  ],
  "aws:apigateway/integration:Integration": [
    "resourceId",
    "httpMethod",
    "type",
    "integrationHttpMethod",
    "uri",
    "timeoutMilliseconds",
  ],
  "aws:apigateway/model:Model": ["name", "contentType", "schema"],
  "aws:apigateway/response:Response": [
    "responseType",
    "statusCode",
    "responseParameters",
    "responseTemplates",
  ],
  "aws:apigateway/requestValidator:RequestValidator": [
    "name",
    "validateRequestBody",
    "validateRequestParameters",
  ],
};

/** One definition resource: its Pulumi type token, logical name and inputs. */
export interface DefinitionPart {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/**
 * SHA-256 of the definition's fields, independent of declaration order and of the machine's locale (names
 * sorted by code units: `sst deploy` from a laptop and from CI must agree, or each redeploys the stage).
 * @example
 * definitionFingerprint([{ type: "aws:apigateway/model:Model", name: "M", inputs: { name: "M", schema: "{}" } }])
 */
export function definitionFingerprint(parts: readonly DefinitionPart[]): string {
  const rows = parts
    .map((part) => {
      const fields = DEFINITION_FIELDS[part.type];
      if (!fields) throw new Error(`${part.type} is not part of an API definition`);
      return [part.type, part.name, fields.map((field) => part.inputs[field] ?? null)] as const;
    })
    .sort(([t1, n1], [t2, n2]) => codeUnitOrder(t1, t2) || codeUnitOrder(n1, n2));
  return createHash("sha256").update(JSON.stringify(rows)).digest("hex");
}

/**
 * The fingerprint of declared resources, read from their outputs (a resource's inputs come back as its
 * outputs), so it follows whatever the code declares.
 * @example
 * triggers: { definition: deploymentTrigger([validator, ...methods]) }
 */
export function deploymentTrigger(resources: readonly $util.CustomResource[]): $util.Output<string> {
  const parts = resources.map((resource) => {
    const fieldsOf = resource as unknown as Record<string, $util.Output<unknown>>;
    return resource.urn.apply((urn) => {
      // urn:pulumi:<stack>::<project>::<parent types$type>::<name>
      const [, , qualifiedType, name] = urn.split("::");
      if (qualifiedType === undefined || name === undefined) throw new Error(`not a Pulumi URN: ${urn}`);
      const type = qualifiedType.split("$").at(-1) ?? "";
      const fields = DEFINITION_FIELDS[type] ?? [];
      return $util.all(fields.map((field) => fieldsOf[field] ?? $util.output(undefined))).apply((values) => ({
        type,
        name,
        inputs: Object.fromEntries(fields.map((field, i) => [field, values[i]])),
      }));
    });
  });
  return $util.all(parts).apply((resolved) => definitionFingerprint(resolved as DefinitionPart[]));
}
