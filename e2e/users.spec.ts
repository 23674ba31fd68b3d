import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "./fixtures";
import { ConsoleShell } from "./pages/console-shell";
import { InvitePage } from "./pages/invite-page";
import { SignInPage } from "./pages/sign-in-page";
import { UsersSettingsPage } from "./pages/users-settings-page";

test("an admin invites a manager, who joins and is later disabled", async ({ page, browser }) => {
  const manager = {
    email: `manager-${Date.now()}@pult.test`,
    name: "Maria Petrova",
    password: "manager-password-42",
  };
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);

  // The admin invites the manager and copies the link.
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL(/\/live$/);
  const users = new UsersSettingsPage(page);
  await users.goto();
  const inviteUrl = await users.invite({ ...manager, role: "MANAGER" });
  expect(inviteUrl).toMatch(/\/invite\/[\w-]+$/);
  await users.copyInviteLink();
  await expect(page.getByTestId("invite-copy")).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(inviteUrl);
  await users.closeInviteDialog();
  await expect(users.row(manager.email).getByTestId("user-status")).toHaveText("Invited");

  // The manager opens the link in their own browser and sets a password.
  const managerContext = await browser.newContext();
  const managerPage = await managerContext.newPage();
  const invite = new InvitePage(managerPage);
  await invite.goto(inviteUrl);
  await expect(invite.email).toHaveValue(manager.email);
  await expect(managerPage.getByRole("heading", { level: 1 })).toContainText("Pult E2E");
  await invite.fill({ name: manager.name, password: manager.password, confirm: "something-else" });
  await invite.submit.click();
  await expect(managerPage.getByTestId("confirm-error")).toHaveText("The passwords don't match.");
  await invite.accept({ name: manager.name, password: manager.password });

  // Signed in as the manager: no Users settings.
  const shell = new ConsoleShell(managerPage);
  await shell.openUserMenu();
  await expect(shell.userMenu.getByTestId("user-menu-role")).toHaveText("Manager");
  await managerPage.keyboard.press("Escape");
  await shell.nav("settings").click();
  await managerPage.waitForURL(/\/settings\/profile$/);
  // The tabs a manager has are there (their profile, current) before the missing one is checked.
  await expect(managerPage.getByTestId("settings-tab-profile")).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(managerPage.getByTestId("settings-tab-users")).toHaveCount(0);
  await managerPage.goto("/settings/users");
  await expect(managerPage.getByTestId("forbidden")).toBeVisible();
  await expect(managerPage.getByTestId("users-table")).toHaveCount(0);

  // The used link no longer works.
  const laterContext = await browser.newContext();
  const laterPage = await laterContext.newPage();
  await laterPage.goto(inviteUrl);
  await expect(new InvitePage(laterPage).invalid).toBeVisible();
  await laterContext.close();

  // The admin disables the manager.
  await users.goto();
  await expect(users.row(manager.email).getByTestId("user-status")).toHaveText("Active");
  await users.setStatus(manager.email, "disable");
  await expect(users.row(manager.email).getByTestId("user-status")).toHaveText("Disabled");

  // The manager's session ends, and signing in again is refused with a clear message.
  await managerPage.goto("/live");
  await managerPage.waitForURL(/\/signin/);
  const managerSignIn = new SignInPage(managerPage);
  await managerSignIn.signIn(manager.email, manager.password);
  await expect(managerSignIn.error).toHaveText(
    "Your account is disabled. Contact your administrator.",
  );
  await managerContext.close();
});

test("the invite dialog is keyboard friendly and the last admin cannot be demoted", async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL(/\/live$/);
  const users = new UsersSettingsPage(page);
  await users.goto();

  // The dialog opens on its first field, Escape closes it and focus returns to the opener.
  const opener = page.getByTestId("invite-open");
  await opener.click();
  await expect(page.getByTestId("invite-dialog-email")).toBeFocused();
  await page.getByTestId("invite-dialog-submit").click();
  await expect(page.getByTestId("email-error")).toHaveText("Fill in this field.");
  await expect(page.getByTestId("invite-dialog-email")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(users.inviteDialog).toBeHidden();
  await expect(opener).toBeFocused();

  // Demoting the only administrator is refused with a clear message; the role stays.
  const roleSelect = users.row(E2E_ADMIN.email).getByTestId("user-role-select");
  await roleSelect.selectOption("MANAGER");
  await expect(page.getByTestId("users-notice-error")).toHaveText(
    "The company must keep at least one active administrator.",
  );
  await expect(roleSelect).toHaveValue("ADMIN");
  await expect(users.row(E2E_ADMIN.email).getByTestId("user-disable")).toHaveCount(0);
});

test("an unknown invite link explains what to do", async ({ page }) => {
  await page.goto("/invite/this-token-does-not-exist-0123456789");
  await expect(new InvitePage(page).invalid).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This invite link doesn't work");
});
