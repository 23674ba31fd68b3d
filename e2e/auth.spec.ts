import { expect, request as playwrightRequest, test, type Page } from "@playwright/test";
import { E2E_ADMIN, E2E_BASE_URL } from "./fixtures";
import { ConsoleShell, NAV_SECTIONS } from "./pages/console-shell";
import { SignInPage } from "./pages/sign-in-page";

async function signInAsAdmin(page: Page): Promise<ConsoleShell> {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL(/\/live$/);
  const shell = new ConsoleShell(page);
  await shell.expectLoaded();
  return shell;
}

test("a wrong password shows an error and keeps the email", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(E2E_ADMIN.email, "not-the-password");

  await expect(signIn.error).toHaveText("Incorrect email or password.");
  await expect(signIn.email).toHaveValue(E2E_ADMIN.email);
  await expect(signIn.password).toHaveValue("");
  await expect(page).toHaveURL(/\/signin/);
});

test("the admin signs in, lands on Live and sees the console shell", async ({ page }) => {
  const shell = await signInAsAdmin(page);

  await expect(shell.nav("live")).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { level: 1, name: "Live" })).toBeVisible();
  await expect(page.getByTestId("live-empty")).toBeVisible();
  await expect(shell.tenantName).toHaveText("Pult E2E");

  await shell.nav("settings").click();
  await page.waitForURL(/\/settings\/profile$/);
  await expect(shell.nav("settings")).toHaveAttribute("aria-current", "page");
  await expect(shell.nav("live")).not.toHaveAttribute("aria-current", "page");

  await shell.openUserMenu();
  await expect(shell.userMenu.getByTestId("user-menu-email")).toHaveText(E2E_ADMIN.email);
  await expect(shell.userMenu.getByTestId("user-menu-role")).toHaveText("Administrator");
  // Keyboard: Escape closes the menu and gives focus back to its button.
  await page.keyboard.press("Escape");
  await expect(shell.userMenu).toBeHidden();
  await expect(shell.userMenuButton).toBeFocused();
});

test("the language switch changes the UI and is remembered", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await expect(signIn.heading).toHaveText("Sign in to Pult");
  await signIn.switchLanguage("ru");
  await expect(signIn.heading).toHaveText("Вход в Pult");
  await page.reload();
  await expect(signIn.heading).toHaveText("Вход в Pult");
  await signIn.switchLanguage("en");

  const shell = await signInAsAdmin(page);
  try {
    await shell.switchLanguage("ru");
    await expect(shell.nav("live")).toHaveText("Онлайн");
    await expect(shell.nav("settings")).toHaveText("Настройки");
    await page.reload();
    await expect(shell.nav("live")).toHaveText("Онлайн");
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");

    await shell.switchLanguage("en");
    await expect(shell.nav("live")).toHaveText("Live");
    await page.reload();
    await expect(shell.nav("live")).toHaveText("Live");
  } finally {
    // The admin's choice is stored on the account: leave it as the other tests expect.
    await shell.switchLanguage("en");
  }
});

test("signing out returns to sign-in and the console then requires signing in", async ({
  page,
}) => {
  const shell = await signInAsAdmin(page);
  // A copy of the session cookie, as another tab or a thief would hold it.
  const copy = (await page.context().cookies()).find((c) => c.name === "authjs.session-token");
  expect(copy).toBeDefined();
  const cookie = `${copy?.name}=${copy?.value}`;
  expect((await page.request.get("/api/trpc/me.get", { headers: { cookie } })).status()).toBe(200);

  await shell.signOut();
  await expect(page).toHaveURL(/\/signin$/);
  // Signing out ended the session itself, not only this browser's cookie.
  const stale = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
  expect((await stale.get("/api/trpc/me.get", { headers: { cookie } })).status()).toBe(401);
  await stale.dispose();

  await page.goto("/live");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Flive$/);
  await expect(new SignInPage(page).submit).toBeVisible();
});

test("the navigation collapses behind a menu button on small screens", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL(/\/live$/);

  const menuButton = page.getByTestId("nav-menu-button");
  await expect(menuButton).toBeVisible();
  await expect(page.getByTestId("nav-calls")).toBeHidden();
  await menuButton.click();
  const drawer = page.getByTestId("mobile-nav");
  for (const section of NAV_SECTIONS)
    await expect(drawer.getByTestId(`nav-${section}`)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(menuButton).toBeFocused();

  await menuButton.click();
  await drawer.getByTestId("nav-calls").click();
  await page.waitForURL(/\/calls$/);
  await expect(drawer).toBeHidden();
  await expect(page.getByTestId("calls-empty")).toBeVisible();
});
