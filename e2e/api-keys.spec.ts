import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "./fixtures";
import { ApiKeysPage } from "./pages/api-keys-page";
import { SignInPage } from "./pages/sign-in-page";

test("an admin creates an API key, a CRM uses it, and revoking it locks the CRM out", async ({
  page,
  request,
}) => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL(/\/live$/);

  const keys = new ApiKeysPage(page);
  await keys.goto();
  await expect(page.getByTestId("settings-tab-apiKeys")).toHaveAttribute("aria-current", "page");

  // Bad input is explained in the form, nothing is created.
  await keys.openCreate();
  await keys.submitCreate("   ");
  await expect(page.getByText("Fill in this field.")).toBeVisible();
  await keys.submitCreate("Old key", "2001-01-01");
  await expect(page.getByText("Choose a date in the future.")).toBeVisible();
  await page.getByTestId("create-key-dialog").getByRole("button", { name: "Cancel" }).click();

  const name = `amoCRM ${Date.now()}`;
  const key = await keys.create(name);
  expect(key).toMatch(/^pult_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("create-key-warning")).toContainText("You won't see it again");
  await keys.copyKey();
  await expect(page.getByTestId("create-key-value-copy")).toHaveText("Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(key);
  await keys.closeDialog();

  // The list shows the prefix, never the key.
  const row = keys.row(name);
  await expect(row.getByTestId("api-key-status")).toHaveText("Active");
  await expect(row.getByTestId("api-key-prefix")).toHaveText(`${key.slice(0, 11)}…`);
  await expect(page.getByText(key)).toHaveCount(0);

  // The CRM uses the copied key.
  const headers = { Authorization: `Bearer ${copied}` };
  const ok = await request.get("/api/v1/managers", { headers });
  expect(ok.status()).toBe(200);
  const body = (await ok.json()) as { managers: unknown[] };
  expect(Array.isArray(body.managers)).toBe(true);
  await page.reload();
  await expect(keys.row(name).getByTestId("api-key-last-used")).not.toContainText("Never");

  await keys.revoke(name);
  await expect(keys.notice).toContainText("is revoked");
  await expect(keys.row(name).getByTestId("api-key-status")).toHaveText("Revoked");

  const refused = await request.get("/api/v1/managers", { headers });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["www-authenticate"]).toMatch(/^Bearer/);
  expect(await refused.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });

  await page.screenshot({ path: "test-results/api-keys.png", fullPage: true });
});
