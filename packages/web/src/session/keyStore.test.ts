// The tab's session kept and forgotten in (session) storage.
import { describe, expect, it } from "vitest";
import { clearSession, loadSession, saveSession } from "./keyStore";

// An in-memory Storage (Node has no sessionStorage); the browser's own is exercised by the e2e tests.
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe("session storage", () => {
  it("keeps and forgets the key and role", () => {
    const storage = memoryStorage();
    expect(loadSession(storage)).toBeNull();
    saveSession(storage, { apiKey: "k-approver", role: "approver" });
    expect(loadSession(storage)).toEqual({ apiKey: "k-approver", role: "approver" });
    clearSession(storage);
    expect(loadSession(storage)).toBeNull();
  });

  it("keeps an analyst key's role as the API named it", () => {
    const storage = memoryStorage();
    saveSession(storage, { apiKey: "k-analyst", role: "analyst" });
    expect(loadSession(storage)).toEqual({ apiKey: "k-analyst", role: "analyst" });
  });

  it("ignores unreadable or incomplete values", () => {
    const storage = memoryStorage();
    storage.setItem("stock-patterns.session", "{not json");
    expect(loadSession(storage)).toBeNull();
    storage.setItem("stock-patterns.session", JSON.stringify({ apiKey: "k", role: "admin" }));
    expect(loadSession(storage)).toBeNull();
  });
});
