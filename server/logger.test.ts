import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { log, redact, scrubSecrets } from "@/server/logger";

const KEY = `pult_${"Ab3_x".repeat(8)}xyz`;
const NOTIFICATION_KEY = "dDhhiSTmtGHOe8Y_7O1LJJJr8hAU8d0DuoLis-WEGak";

describe("redact", () => {
  it("masks secret-named fields at any depth, in arrays too", () => {
    const out = redact({
      password: "hunter2-hunter2",
      request: { headers: { authorization: "Bearer abc", Cookie: "x=1" }, method: "POST" },
      integrations: [{ clientSecret: "s3cr3t", clientId: "pult" }],
      accessToken: "a",
      refresh_token: "r",
      apiKey: KEY,
      apiKeyId: "7b0c…",
      notificationKey: NOTIFICATION_KEY,
      tenantId: "t-1",
    });
    const text = JSON.stringify(out);
    for (const secret of ["hunter2", "Bearer abc", "x=1", "s3cr3t", KEY, NOTIFICATION_KEY])
      expect(text).not.toContain(secret);
    expect(out).toMatchObject({
      request: { method: "POST" },
      integrations: [{ clientId: "pult" }],
      apiKeyId: "7b0c…",
      tenantId: "t-1",
    });
  });

  it("scrubs secrets out of error messages, causes and other text", () => {
    const error = new Error("token endpoint said: refresh_token=rt-123&client_secret=cs-456", {
      cause: new Error('body {"access_token":"at-789","token_type":"bearer"}'),
    });
    const out = JSON.stringify(
      redact({
        error,
        url: `/api/mtt/${NOTIFICATION_KEY}?code=oauth-code-1&state=st`,
        header: `Authorization: Bearer eyJhbGciOi.J9.sig`,
        db: "postgresql://pult:db-pass-1@db.example.com:5432/pult",
        sent: "authjs.session-token.0=jwt-part-1; other=1",
        note: `retrying with ${KEY}`,
      }),
    );
    for (const secret of [
      "rt-123",
      "cs-456",
      "at-789",
      NOTIFICATION_KEY,
      "oauth-code-1",
      "eyJhbGciOi",
      "db-pass-1",
      "jwt-part-1",
      KEY,
    ])
      expect(out).not.toContain(secret);
    // What is not secret stays readable.
    expect(out).toContain("token endpoint said");
    expect(out).toContain("state=st");
    expect(out).toContain("db.example.com");
    expect(out).toContain("pult_[redacted]");
  });

  it("keeps an API key's display prefix, dates, numbers and cycles printable", () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    const at = new Date("2026-11-27T10:00:00Z");
    expect(redact({ prefix: "pult_Ab3xQ9", at, count: 3, cyclic })).toEqual({
      prefix: "pult_Ab3xQ9",
      at,
      count: 3,
      cyclic: { name: "loop", self: "[…]" },
    });
    expect(scrubSecrets("nothing to hide here")).toBe("nothing to hide here");
  });
});

describe("log", () => {
  let lines: string[] = [];
  beforeEach(() => {
    lines = [];
    const capture = (line: unknown) => void lines.push(String(line));
    vi.spyOn(console, "log").mockImplementation(capture);
    vi.spyOn(console, "error").mockImplementation(capture);
  });
  afterEach(() => vi.restoreAllMocks());

  it("writes one line with the message and redacted fields", () => {
    log.error(`request failed for /api/mtt/${NOTIFICATION_KEY}`, {
      url: `/api/mtt/${NOTIFICATION_KEY}`,
      error: new Error(`Bearer ${KEY}`),
      big: 12345678901234567890n,
    });
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatch(/^\S+ ERROR request failed for \/api\/mtt\/\[redacted\] \{/);
    expect(line).not.toContain(NOTIFICATION_KEY);
    expect(line).not.toContain(KEY);
    expect(line).toContain('"big":"12345678901234567890"');
  });
});
