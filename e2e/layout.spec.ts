import { expect, test, type Page } from "@playwright/test";
import { listAppPages, pagePath } from "../scripts/app-pages";
import { E2E_ADMIN } from "./fixtures";
import { ConsoleShell } from "./pages/console-shell";
import { SignInPage } from "./pages/sign-in-page";
import { E2eDatabase } from "./support/e2e-database";
import { horizontalOverflow } from "./support/layout-probe";
import { connectAndSync } from "./support/pbx";

// Every console page, found in app/ (a new page is checked without being listed here), in both
// languages at 1440×900: no horizontal overflow of the main content, no console error.
const CONSOLE_PAGES = listAppPages().filter((p) => p.isConsole);

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console.error: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  return errors;
}

async function signIn(page: Page): Promise<void> {
  const form = new SignInPage(page);
  await form.goto();
  await form.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL(/\/live$/);
}

// Values for the pages that show one record, created once for both languages.
const params: Record<string, string> = {
  "/quality/scorecards/[id]:id": "new",
  "/quality/scripts/[id]:id": "new",
};

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await browser.newPage();
  await signIn(page);
  // Connected to the simulator, the settings pages show workplaces and numbers, not empty states.
  await connectAndSync(page);
  await page.close();
  const db = await E2eDatabase.connect();
  try {
    const tenantId = await db.tenantIdOf(E2E_ADMIN.email);
    const managerId = await db.createUser({
      tenantId,
      email: `layout-${Date.now()}@pult.test`,
      name: "Layout Manager",
      role: "MANAGER",
      password: "e2e-password-12345",
    });
    params["/calls/[id]:id"] = await db.createRoutedCall(tenantId, "Layout Manager");
    params["/clients/[id]:id"] = await db.createClient({
      tenantId,
      name: "Layout Client",
      company: "Layout LLC",
      // Unique per run: a retried worker runs this again on the same database.
      phone: `+7999${String(Date.now()).slice(-7)}`,
      personalManagerId: managerId,
    });
  } finally {
    await db.close();
  }
});

for (const locale of ["en", "ru"] as const) {
  test(`every console page fits 1440 px and logs no errors (${locale})`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    const errors = collectErrors(page);
    await signIn(page);
    await new ConsoleShell(page).switchLanguage(locale);
    for (const { route, isRedirect } of CONSOLE_PAGES) {
      await test.step(route, async () => {
        const path = pagePath(route, params);
        await page.goto(path);
        // A page that only redirects: wait until the browser is on the page it leads to.
        if (isRedirect) await page.waitForURL((url) => url.pathname !== path);
        await page.waitForLoadState("networkidle");
        await expect(page.locator("main")).toBeVisible();
        expect(await horizontalOverflow(page), `${locale} ${route}`).toEqual([]);
      });
    }
    expect(errors).toEqual([]);
  });
}

test("the call page tells how the decision was made in words, like the live board", async ({
  page,
}) => {
  const db = await E2eDatabase.connect();
  let callId: string;
  try {
    callId = await db.createRoutedCall(await db.tenantIdOf(E2E_ADMIN.email), "Igor Pavlov");
  } finally {
    await db.close();
  }
  await signIn(page);
  // The language is the account's: another test may have left it in Russian.
  await new ConsoleShell(page).switchLanguage("en");
  await page.goto(`/calls/${callId}`);
  const steps = page.getByTestId("call-routing-steps").getByRole("listitem");
  await expect(steps).toHaveText([
    "rule “Personal manager”",
    "personal manager Igor Pavlov — on a call",
    "fallback 1",
    "released to the standard route",
  ]);
  await expect(page.getByTestId("call-routing")).not.toContainText("{");
});
