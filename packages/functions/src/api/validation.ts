// Hono validators with zod whose failures answer 400 problems listing each field path.

import { zValidator } from "@hono/zod-validator";
import type { ValidationTargets } from "hono";
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
  return zValidator(target, schema, (result) => {
    if (!result.success) throw validationProblem(WHERE[target], result.error as never);
  });
}
