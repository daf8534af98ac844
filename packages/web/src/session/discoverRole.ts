// Signing in checks the key against the API: approvers may list approvals, readers get 403 there. So do
// analyst keys, whose one right more (POST /patterns, submitting bars) the console never uses: they sign
// in as readers and see what a reader sees.
import { ApiError, callApi } from "../api/client";
import type { Role } from "./keyStore";

/**
 * Finds what the key may do. Throws ApiError(401) for an unknown key, or any other API error as is.
 * @example await discoverRole("k-approver") // "approver"
 */
export async function discoverRole(apiKey: string, baseUrl?: string): Promise<Role> {
  try {
    await callApi("GET", "/approvals", { apiKey, baseUrl }, { query: { status: "PENDING", limit: 1 } });
    return "approver";
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 403) throw error;
  }
  // A 403 on approvals could also be a key that may do nothing: make sure it can read alerts.
  await callApi("GET", "/alerts", { apiKey, baseUrl }, { query: { limit: 1 } });
  return "reader";
}
