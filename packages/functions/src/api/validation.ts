// Hono validators with zod whose failures answer 400 problems listing each field path. hono-openapi's
// validator also puts each schema in the OpenAPI document, so what is checked is what is documented.

import type { ValidationTargets } from "hono";
import { validator } from "hono-openapi";
import type { ZodType } from "zod";
import { validationProblem } from "./problem";

const WHERE = { json: "body", query: "query", param: "path" } as const;

/**
 * A validator for the body (`json`), query or path parameters.
 *
 * @example
 * app.get("/alerts", validate("query", alertQuerySchema), (c) => c.json(c.req.valid("query")))
 */
export function validate<Target extends keyof typeof WHERE & keyof ValidationTargets, Schema extends ZodType>(
  target: Target,
  schema: Schema,
) {
  return validator(target, schema, (result) => {
    if (!result.success) throw validationProblem(WHERE[target], result.error);
  });
}
