// The test runner (scripts/test.ts) on a machine that lacks something: no browser stops `npm test`
// within seconds, with the install command; a PostgreSQL that is not running but installed is
// started privately for the run and stopped after it, also on Ctrl-C. Small stages only.
import { describe, expect, it } from "vitest";
import { findPostgresBin } from "@/server/testing/resilience/private-postgres";
import {
  closedUrl,
  isListening,
  privatePort,
  runTests,
  runner,
} from "@/scripts/test-runner-harness";

describe("npm test without a browser", () => {
  it("stops within seconds, before any stage, with the install command", async () => {
    const run = await runTests(["npm", "test"], { CHROMIUM_PATH: "/nonexistent/chromium" });
    expect(run.code).not.toBe(0);
    expect(run.output).toContain("CHROMIUM_PATH=/nonexistent/chromium: no such program");
    expect(run.output).toMatch(/apt-get install chromium|npx playwright install chromium/);
    expect(run.output).toContain("the e2e journeys");
    expect(run.output).not.toContain("▶ ");
    expect(run.seconds).toBeLessThan(20);
  }, 60_000);
});

describe("a private PostgreSQL for the run", () => {
  it("starts when TEST_DATABASE_URL does not answer, serves the stage, and stops", async () => {
    expect(findPostgresBin()).toMatch(/\/bin$/);
    const env = { TEST_DATABASE_URL: `${await closedUrl("postgresql")}/postgres` };
    const run = await runTests(runner("--only", "db:check"), env);
    expect(run.output).toContain("start a private one for the run");
    expect(run.output).toContain("■ db:check passed");
    expect(run.code).toBe(0);
    const port = privatePort(run.output, "PostgreSQL");
    expect(port).toBeGreaterThan(0);
    expect(await isListening(port)).toBe(false);
  }, 120_000);

  it("stops on Ctrl-C during a stage", async () => {
    const env = { TEST_DATABASE_URL: `${await closedUrl("postgresql")}/postgres` };
    let port = 0;
    const run = await runTests(runner("--only", "db:check"), env, (output, pid) => {
      if (port || !output.includes("▶ db:check")) return;
      port = privatePort(output, "PostgreSQL");
      process.kill(pid, "SIGINT");
    });
    expect(port).toBeGreaterThan(0);
    expect(run.code).toBe(130);
    expect(await isListening(port)).toBe(false);
  }, 120_000);
});
