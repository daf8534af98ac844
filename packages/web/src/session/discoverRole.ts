// Signing in asks the API who the key is (GET /keys/me, which every key may call): one request, and the
// role the API holds, an analyst's included, where a 403 on approvals could only tell approvers from the rest.
import type { KeyIdentity } from "@stock-patterns/core/contracts";
import { callApi } from "../api/client";
import type { Role } from "./keyStore";

/**
 * The key's role as the API holds it. Throws ApiError(401) for an unknown key, or any other API error as is.
 * @example await discoverRole("k-approver") // "approver"
 */
export async function discoverRole(apiKey: string, baseUrl?: string): Promise<Role> {
  const { role } = await callApi<KeyIdentity>("GET", "/keys/me", { apiKey, baseUrl });
  return role;
}
