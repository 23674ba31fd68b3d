import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, resolvePultSecret } from "@/server/env";

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadConfig", () => {
  it("has embedded defaults that need no configuration", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe(path.resolve(".pult"));
    expect(config.publicUrl).toBe("http://localhost:3000");
    expect(config.oidc).toBeUndefined();
  });

  it("treats empty values as unset and trims a trailing slash from PUBLIC_URL", () => {
    const config = loadConfig({ PORT: "", PUBLIC_URL: "https://pult.example.com/" });
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe("https://pult.example.com");
  });

  it("names the variable in every problem", () => {
    expect(problems({ PORT: "abc" })[0]).toMatch(/^PORT /);
    expect(problems({ PORT: "70000" })[0]).toMatch(/^PORT /);
    expect(problems({ DATABASE_URL: "mysql://x", PULT_SECRET: "x".repeat(40) })[0]).toMatch(
      /^DATABASE_URL must start with postgresql:\/\//,
    );
    expect(problems({ REDIS_URL: "localhost:6379" })[0]).toMatch(/^REDIS_URL /);
    expect(problems({ PULT_ADMIN_EMAIL: "not-an-email" })[0]).toMatch(/^PULT_ADMIN_EMAIL /);
    expect(problems({ PULT_ADMIN_PASSWORD: "short" })[0]).toMatch(/^PULT_ADMIN_PASSWORD /);
  });

  it("requires PULT_SECRET with a real database", () => {
    expect(problems({ DATABASE_URL: "postgresql://postgres@127.0.0.1/pult" })).toEqual([
      expect.stringMatching(/^PULT_SECRET is required with DATABASE_URL/),
    ]);
  });

  it("requires all OIDC settings together", () => {
    const found = problems({ AUTH_OIDC_ISSUER: "https://id.example.com" });
    expect(found).toHaveLength(2);
    expect(found.join()).toMatch(/AUTH_OIDC_CLIENT_ID/);
    expect(found.join()).toMatch(/AUTH_OIDC_CLIENT_SECRET/);
    const config = loadConfig({
      AUTH_OIDC_ISSUER: "https://id.example.com",
      AUTH_OIDC_CLIENT_ID: "pult",
      AUTH_OIDC_CLIENT_SECRET: "s",
      AUTH_OIDC_NAME: "Keycloak",
    });
    expect(config.oidc?.name).toBe("Keycloak");
  });
});

describe("resolvePultSecret", () => {
  it("generates a secret once in embedded mode and reuses it", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "pult-env-"));
    const config = loadConfig({ DATA_DIR: dataDir });
    const first = resolvePultSecret(config);
    expect(first.generated).toBe(true);
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dataDir, "secret.key");
    expect(readFileSync(file, "utf8").trim()).toBe(first.secret);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(resolvePultSecret(config)).toEqual({ secret: first.secret, generated: false });
  });

  it("prefers PULT_SECRET from the environment", () => {
    const secret = "s".repeat(40);
    expect(resolvePultSecret(loadConfig({ PULT_SECRET: secret }))).toEqual({
      secret,
      generated: false,
    });
  });
});

describe("simulator and demo defaults", () => {
  it("run the bundled simulator and demo in embedded mode only, unless told otherwise", () => {
    const embedded = loadConfig({});
    expect(embedded.simulator).toMatchObject({ port: 4010, clientId: "pult-demo", login: "demo" });
    expect(embedded.demo).toEqual({ enabled: true, traffic: true });
    const server = loadConfig({
      DATABASE_URL: "postgresql://postgres@127.0.0.1/pult",
      PULT_SECRET: "x".repeat(40),
    });
    expect(server.simulator).toBeUndefined();
    expect(server.demo.enabled).toBe(false);
    const simulatorOnly = loadConfig({
      PULT_DEMO: "0",
      PULT_SIMULATOR: "1",
      SIMULATOR_PORT: "4999",
    });
    expect(simulatorOnly.simulator?.port).toBe(4999);
    expect(simulatorOnly.demo.enabled).toBe(false);
    expect(loadConfig({ PULT_DEMO_TRAFFIC: "0" }).demo.traffic).toBe(false);
  });
});
