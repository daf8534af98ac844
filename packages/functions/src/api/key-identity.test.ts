// GET /keys/me: a key asks who it is. The console signs in with it and a script can check its key before
// using it; the answer names the key's holder and role, never the key or its hash.

import { sha256Hex } from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import { call } from "#test/http";
import { TEST_KEYS } from "#test/keys";

describe("GET /keys/me", () => {
  it("answers each key's name, role and the keyed operations it may call", async () => {
    const reader = await call("/keys/me", { key: "reader" });
    expect(reader.status).toBe(200);
    expect(reader.json).toEqual({
      name: "rita",
      role: "reader",
      may: [
        "GET /patterns",
        "GET /alerts",
        "GET /alerts/{alertId}",
        "GET /stats",
        "GET /bars",
        "GET /keys/me",
      ],
    });
    const analyst = await call("/keys/me", { key: "analyst" });
    expect(analyst.json).toMatchObject({ name: "ann", role: "analyst" });
    expect(analyst.json.may).toEqual(["POST /patterns", ...reader.json.may]);
    const approver = await call("/keys/me", { key: "approver" });
    expect(approver.json).toMatchObject({ name: "alice", role: "approver" });
    expect(approver.json.may).toEqual([
      ...analyst.json.may,
      "GET /approvals",
      "GET /approvals/{token}",
      "GET /approvals/{id}/decision",
      "POST /approvals/{id}/decision",
      "POST /approve/{token}",
    ]);
  });

  it("holds neither the key nor its hash", async () => {
    for (const role of ["reader", "analyst", "approver"] as const) {
      const { status, json } = await call("/keys/me", { key: role });
      expect(status).toBe(200);
      const text = JSON.stringify(json);
      expect(text).not.toContain(TEST_KEYS[role]);
      expect(text.toLowerCase()).not.toContain(sha256Hex(TEST_KEYS[role]).toLowerCase());
    }
  });

  it("answers 401 without a key or with an unknown one, and 405 to a POST", async () => {
    expect((await call("/keys/me")).status).toBe(401);
    expect((await call("/keys/me", { key: { literal: "no-such-key-0123456789" } })).status).toBe(401);
    const posted = await call("/keys/me", { key: "reader", body: {} });
    expect(posted.status).toBe(405);
    expect(posted.response.headers.get("allow")).toBe("GET");
  });
});
