import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_DATA_DIR } from "./fixtures";
import { startServer, startSlowRequest, waitForHealthy } from "./server-process";

// Process-level behaviour of `npm start`: these run the real server binary, no browser needed.
test.describe("server process", () => {
  test("a second server on the same data folder refuses to start and says why", async () => {
    const run = startServer({ PORT: "3191", DATA_DIR: E2E_DATA_DIR });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain("Pult cannot start.");
    expect(run.output()).toMatch(
      /Another Pult server \(pid \d+, started .*\) is using the data folder .*e2e\/\.artifacts\/data/,
    );
  });

  test("a bad setting stops the server with a message naming the variable", async () => {
    const run = startServer({ PORT: "not-a-port", DATA_DIR: E2E_DATA_DIR });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/Invalid configuration:\n\s+- PORT /);
  });

  test("SIGTERM stops gracefully, releases the folder, and data survives a restart", async () => {
    test.setTimeout(120_000);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "pult-e2e-lifecycle-"));
    try {
      const baseUrl = "http://localhost:3192";
      const first = startServer({
        PORT: "3192",
        PUBLIC_URL: baseUrl,
        DATA_DIR: dataDir,
        PULT_ADMIN_EMAIL: "boss@pult.test",
      });
      await waitForHealthy(baseUrl);
      expect(first.output()).toContain("Sign in as: boss@pult.test");
      expect(first.output()).toMatch(/Password: {3}\S{20,}/);
      // A request whose body is still arriving when SIGTERM comes must still be answered.
      const slow = startSlowRequest(
        3192,
        "/api/trpc/invites.accept",
        JSON.stringify({ json: { token: "x".repeat(30), name: "A", password: "long-enough-pw" } }),
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      first.child.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 500));
      const reply = await slow.finish();
      expect(reply.status).toBe(404);
      expect(reply.body).toContain("INVITE_INVALID");
      expect(await first.exited).toBe(0);
      expect(first.output()).toContain("Pult stopped");

      const second = startServer({
        PORT: "3192",
        PUBLIC_URL: baseUrl,
        DATA_DIR: dataDir,
        PULT_ADMIN_EMAIL: "boss@pult.test",
      });
      await waitForHealthy(baseUrl);
      // The admin from the first run is still there: no second company, no new password.
      expect(second.output()).toContain("Sign in with an existing account");
      second.child.kill("SIGTERM");
      expect(await second.exited).toBe(0);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
