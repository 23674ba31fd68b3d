import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";
import { startServer, waitForHealthy } from "./server-process";

// The zero-setup demo killed mid-call (kill -9: Pult and its bundled PBX die together, the PBX
// forgets its calls) and started again: the calls that were in progress must leave the board,
// closed as "end not reported by the PBX", within a minute (docs/stale-calls.md).

const PORT = 3193;
const SIMULATOR_PORT = 3194;
const baseUrl = `http://localhost:${PORT}`;
const admin = { email: "demo@pult.test", password: "demo-restart-password-1" };

type ActiveCalls = { calls: Array<{ state: string }> };

// The browser goes to this test's own server, not the e2e server of playwright.config.
test.use({ baseURL: baseUrl });

test("after kill -9 mid-call and a restart the board shows no call older than the restart", async ({
  page,
}) => {
  // Two cold starts of the demo (the first seeds 30 days of history) on a shared 2-core machine.
  test.setTimeout(480_000);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "pult-e2e-demo-restart-"));
  const env = {
    PORT: String(PORT),
    PUBLIC_URL: baseUrl,
    DATA_DIR: dataDir,
    PULT_SIMULATOR: "1",
    PULT_DEMO: "1",
    SIMULATOR_PORT: String(SIMULATOR_PORT),
    PULT_ADMIN_EMAIL: admin.email,
    PULT_ADMIN_PASSWORD: admin.password,
  };
  const servers: Array<ReturnType<typeof startServer>> = [];
  try {
    const first = startServer(env);
    servers.push(first);
    await waitForHealthy(baseUrl, 180_000);
    // The demo's traffic: wait for a conversation in progress.
    await expect
      .poll(
        async () => {
          const reply = await fetch(
            `http://127.0.0.1:${SIMULATOR_PORT}/control/calls?active=1`,
          ).then(
            (res) => res.json() as Promise<ActiveCalls>,
            () => ({ calls: [] }),
          );
          return reply.calls.filter((c) => c.state === "talking").length;
        },
        { timeout: 150_000, intervals: [1000] },
      )
      .toBeGreaterThanOrEqual(1);
    // Let Pult fold what the PBX sent about them.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    first.child.kill("SIGKILL");
    await first.exited;

    const restartedAt = Date.now();
    const second = startServer(env);
    servers.push(second);
    await waitForHealthy(baseUrl, 120_000);

    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(admin.email, admin.password);
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    await page.goto("/live");
    await expect(page.getByTestId("live-board")).toBeVisible();
    const olderThanRestart = () =>
      page.getByTestId("live-call").evaluateAll(
        (rows, since) =>
          rows.filter((row) => {
            const startedAt = Date.parse(row.getAttribute("data-started-at") ?? "");
            // A row without a readable start counts as old: the check must not pass blind.
            return row.getAttribute("data-state") !== "ENDED" && !(startedAt >= since);
          }).length,
        restartedAt,
      );
    await expect.poll(olderThanRestart, { timeout: 60_000, intervals: [1000] }).toBe(0);

    // They were closed, not merely hidden: the telephony page counts them.
    await page.goto("/settings/telephony");
    const closed = page.getByTestId("health-closed");
    await expect(closed).toBeVisible();
    await expect
      .poll(async () => Number.parseInt((await closed.innerText()).trim(), 10), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(1);
  } finally {
    for (const server of servers) server.child.kill("SIGKILL");
    await Promise.all(servers.map((s) => s.exited));
    await rm(dataDir, { recursive: true, force: true });
  }
});
