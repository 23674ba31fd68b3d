// npm run screenshots [-- --out docs/screenshots]
// Photographs every page of the app (found in app/, see scripts/app-pages.ts) in Russian and
// English at 1440×900 and 390×844, the way a new user meets Pult: the production server on a
// fresh embedded database with the bundled PBX simulator and its demo traffic, as `npm start`
// runs it. The README's pictures come from here. Pages that only redirect are skipped.
import { mkdir, mkdtemp, readdir, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { ConsoleShell } from "@/e2e/pages/console-shell";
import { SignInPage } from "@/e2e/pages/sign-in-page";
import { UsersSettingsPage } from "@/e2e/pages/users-settings-page";
import { horizontalOverflow } from "@/e2e/support/layout-probe";
import { startServer, waitForHealthy } from "@/e2e/server-process";
import { listAppPages, pageName, pagePath, type AppPage } from "@/scripts/app-pages";

const { values: args } = parseArgs({
  options: {
    out: { type: "string", default: "docs/screenshots" },
    port: { type: "string", default: process.env.SCREENSHOTS_PORT ?? "3210" },
    "simulator-port": { type: "string", default: process.env.SCREENSHOTS_SIMULATOR_PORT ?? "3211" },
    // Demo calls to wait for before the first picture, so the board and reports have data.
    calls: { type: "string", default: "12" },
  },
});

const VIEWPORTS = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "mobile", width: 390, height: 844 },
] as const;
const LOCALES = ["ru", "en"] as const;
const ADMIN = { email: "admin@pult.local", password: "screenshots-password-1" };
const PORT = Number(args.port);
const BASE_URL = `http://localhost:${PORT}`;

function log(text: string) {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${text}\n`);
}

async function signIn(page: Page): Promise<void> {
  const form = new SignInPage(page);
  await form.goto();
  await form.signIn(ADMIN.email, ADMIN.password);
  await page.waitForURL(/\/live$/);
}

/** Waits until the demo has produced some finished calls, or gives up after three minutes. */
async function waitForDemoCalls(page: Page, count: number): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    await page.goto("/calls");
    const list = page.getByTestId("call-row").or(page.getByTestId("calls-empty")).first();
    await list.waitFor({ timeout: 30_000 });
    const rows = await page.getByTestId("call-row").count();
    if (rows >= count) return log(`demo traffic: ${rows} calls in history`);
    await page.waitForTimeout(5_000);
  }
  log(`demo traffic: fewer than ${count} calls after three minutes, going on`);
}

/** Values for the dynamic routes: a routed call, a client, and a fresh invite. */
async function routeParams(page: Page): Promise<Record<string, string>> {
  // The scorecard and script editors, empty: the demo has neither.
  const params: Record<string, string> = {
    "/quality/scorecards/[id]:id": "new",
    "/quality/scripts/[id]:id": "new",
  };
  await page.goto("/calls");
  await page.getByTestId("call-row-link").first().waitFor({ timeout: 30_000 });
  const calls = await page
    .getByTestId("call-row-link")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? "").filter(Boolean));
  // Prefer a call that routing decided in a few steps: its page shows every section.
  for (const href of calls.slice(0, 15)) {
    await page.goto(href);
    params["/calls/[id]:id"] ??= href.split("/").pop() ?? "";
    const steps = await page.getByTestId("call-routing-steps").getByRole("listitem").count();
    if (steps >= 3) {
      params["/calls/[id]:id"] = href.split("/").pop() ?? "";
      break;
    }
  }
  await page.goto("/clients");
  await page.getByTestId("client-link").first().waitFor({ timeout: 30_000 });
  const client = await page.getByTestId("client-link").first().getAttribute("href");
  if (client) params["/clients/[id]:id"] = client.split("/").pop() ?? "";
  const users = new UsersSettingsPage(page);
  await users.goto();
  const link = await users.invite({
    email: "new.manager@pult.local",
    name: "Новый менеджер",
    role: "MANAGER",
  });
  await users.closeInviteDialog();
  params["/invite/[token]:token"] = new URL(link).pathname.split("/").pop() ?? "";
  return params;
}

async function shoot(
  context: BrowserContext,
  pages: readonly AppPage[],
  params: Record<string, string>,
  file: (page: AppPage) => string,
): Promise<void> {
  const page = await context.newPage();
  for (const appPage of pages) {
    const url = pagePath(appPage.route, params);
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    // Charts draw themselves; the board's timers tick.
    await page.waitForTimeout(2_000);
    const problems = await horizontalOverflow(page);
    if (problems.length > 0) log(`  ${appPage.route}: ${problems.join("; ")}`);
    await page.screenshot({ path: file(appPage), fullPage: true });
  }
  await page.close();
}

async function photograph(browser: Browser, outDir: string): Promise<number> {
  // A page that only redirects would be a copy of the page it leads to.
  const pages = listAppPages().filter((p) => !p.isRedirect);
  const setup = await browser.newPage({ baseURL: BASE_URL });
  await signIn(setup);
  await waitForDemoCalls(setup, Number(args.calls));
  const params = await routeParams(setup);
  const session = await setup.context().storageState();
  await setup.close();

  let count = 0;
  for (const locale of LOCALES) {
    for (const viewport of VIEWPORTS) {
      log(`${locale} ${viewport.name}`);
      const size = { width: viewport.width, height: viewport.height };
      // Reduced motion: charts and fades are drawn finished, not caught halfway.
      const common = {
        baseURL: BASE_URL,
        viewport: size,
        isMobile: viewport.name === "mobile",
        reducedMotion: "reduce" as const,
      };
      const signedIn = await browser.newContext({ ...common, storageState: session });
      // The account's language wins over the cookie, so switch it the way a user would.
      const first = await signedIn.newPage();
      await first.goto("/live");
      await new ConsoleShell(first).switchLanguage(locale);
      await first.close();
      const name = (p: AppPage) =>
        path.join(outDir, `${pageName(p.route)}-${locale}-${viewport.name}.png`);
      await shoot(
        signedIn,
        pages.filter((p) => p.isConsole),
        params,
        name,
      );
      await signedIn.close();
      const guest = await browser.newContext(common);
      await guest.addCookies([{ name: "pult-locale", value: locale, url: BASE_URL }]);
      await shoot(
        guest,
        pages.filter((p) => !p.isConsole),
        params,
        name,
      );
      await guest.close();
      count = (await readdir(outDir)).length;
    }
  }
  return count;
}

async function main() {
  const outDir = path.resolve(args.out);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "pult-screenshots-"));
  // Written next to the target and swapped in at the end: a failed run leaves the old set.
  const staging = `${outDir}.new`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  log(`starting Pult on ${BASE_URL} with a fresh embedded database and the demo`);
  const server = startServer({
    PORT: String(PORT),
    PUBLIC_URL: BASE_URL,
    DATA_DIR: dataDir,
    PULT_ADMIN_EMAIL: ADMIN.email,
    PULT_ADMIN_PASSWORD: ADMIN.password,
    PULT_SIMULATOR: "1",
    PULT_DEMO: "1",
    PULT_DEMO_TRAFFIC: "1",
    SIMULATOR_PORT: args["simulator-port"],
    NEXT_TELEMETRY_DISABLED: "1",
  });
  let browser: Browser | null = null;
  try {
    await Promise.race([
      waitForHealthy(BASE_URL, 120_000),
      server.exited.then((code) => {
        throw new Error(`the server exited (${code}):\n${server.output().slice(-2000)}`);
      }),
    ]);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
    });
    const count = await photograph(browser, staging);
    await rm(outDir, { recursive: true, force: true });
    await rename(staging, outDir);
    log(`${count} screenshots in ${path.relative(process.cwd(), outDir)}`);
  } finally {
    await browser?.close();
    server.child.kill("SIGTERM");
    await server.exited;
    await rm(dataDir, { recursive: true, force: true });
    await rm(staging, { recursive: true, force: true });
  }
}

await main();
