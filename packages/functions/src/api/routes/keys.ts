// /keys/me: the calling key's name and role, and what that role may call (core's route list), so the
// console and scripts ask instead of probing. The key and its hash stay out of the answer.

import { API_ROUTES, type KeyIdentity, keyedOperations, noQuerySchema } from "@stock-patterns/core/contracts";
import { Hono } from "hono";
import { type ApiVariables, requireRole } from "../auth";
import { validate } from "../validation";

export const keys = new Hono<{ Variables: ApiVariables }>();

keys.get("/me", requireRole("reader"), validate("query", noQuerySchema), (c) => {
  const { name, role } = c.get("principal");
  const answer: KeyIdentity = { name, role, may: keyedOperations(API_ROUTES, role) };
  return c.json(answer);
});
