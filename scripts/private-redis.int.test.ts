// A Redis that is installed but not running is started privately for the test run (through
// scripts/test.ts), serves the Redis tests, and is stopped after the run.
import { describe, expect, it } from "vitest";
import { redisServerBinary } from "@/scripts/preflight";
import {
  closedUrl,
  isListening,
  privatePort,
  runTests,
  runner,
} from "@/scripts/test-runner-harness";

describe("a private Redis for the run", () => {
  it("starts when TEST_REDIS_URL does not answer, serves a Redis test, and stops", async () => {
    expect(redisServerBinary()).not.toBeNull();
    const env = { TEST_REDIS_URL: await closedUrl("redis") };
    const only = ["integration", "--only", "integration:embedded"];
    const run = await runTests(runner(...only, "server/realtime/revoke.int.test.ts"), env);
    expect(run.output).toContain("start a private one for the run");
    expect(run.output).toContain("revoke.int.test.ts");
    expect(run.output).toContain("■ integration:embedded passed");
    expect(run.code).toBe(0);
    const port = privatePort(run.output, "Redis");
    expect(port).toBeGreaterThan(0);
    expect(await isListening(port)).toBe(false);
  }, 120_000);
});
