// The API keys tests present; test/setup.ts stores only their SHA-256 hashes in the ApiKeys link.

export const TEST_KEYS = {
  reader: "reader-key-0123456789",
  analyst: "analyst-key-0123456789",
  approver: "approver-key-0123456789",
} as const;
