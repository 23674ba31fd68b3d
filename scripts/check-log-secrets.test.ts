import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { E2E_ADMIN } from "@/e2e/fixtures";
import { deriveKey } from "@/server/crypto/secret-box";
import { knownSecrets, scanLogs } from "@/scripts/check-log-secrets.mjs";

let dir = "";
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function logs(files: Record<string, string>): Promise<string> {
  dir = await mkdtemp(path.join(os.tmpdir(), "pult-log-check-"));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

describe("check-log-secrets", () => {
  it("finds the run's secrets and credential shapes, by file and line", async () => {
    const pultSecret = "x".repeat(20) + "run-secret-0123456789";
    const authSecret = deriveKey(pultSecret, "auth-secret").toString("base64url");
    const folder = await logs({
      "auth.server.log": `boot ok\nsigned in with ${E2E_ADMIN.password}\n`,
      "api.server.log": [
        "INFO fine",
        "WARN token call failed: Authorization: Bearer abcdefghijklmnop0123",
        'ERROR body {"refresh_token":"rt-0123456789"}',
        `DEBUG ${authSecret}`,
        "GET /api/mtt/dDhhiSTmtGHOe8Y_7O1LJJJr8hAU8d0DuoLis-WEGak 404",
      ].join("\n"),
      ".run-secrets.json": JSON.stringify({ pultSecrets: { api: pultSecret } }),
    });
    const findings = scanLogs(folder);
    expect(findings).toEqual([
      { file: "api.server.log", line: 2, what: "Bearer credential" },
      { file: "api.server.log", line: 3, what: "secret JSON field" },
      { file: "api.server.log", line: 4, what: "AUTH_SECRET of api" },
      { file: "api.server.log", line: 5, what: "notification URL key" },
      { file: "auth.server.log", line: 2, what: "the e2e admin password" },
    ]);
    expect(JSON.stringify(findings)).not.toContain(E2E_ADMIN.password);
  });

  it("passes logs whose secrets the logger masked", async () => {
    const folder = await logs({
      "clean.server.log": [
        'WARN MTT token refresh failed {"error":"Bearer [redacted]"}',
        'INFO {"password":"[redacted]","refresh_token":"[redacted]"}',
        "INFO request /api/mtt/[redacted] refresh_token=[redacted]",
        "INFO Created the API key from PULT_API_KEY (pult_Ab3xQ9…)",
      ].join("\n"),
    });
    expect(scanLogs(folder)).toEqual([]);
  });

  it("knows the fixtures' secrets and the passwords written into specs", () => {
    const names = knownSecrets(os.tmpdir()).map(([name]) => name);
    expect(names).toContain("the OIDC client secret");
    expect(names.some((name) => name.startsWith("a secret written in e2e/"))).toBe(true);
  });
});
