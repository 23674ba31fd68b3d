import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN, E2E_OIDC } from "./fixtures";

async function signInWithPassword(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/password/i).fill(password);
  await page.getByRole("button", { name: /^sign in$/i }).click();
  await expect(page).toHaveURL(/\/live$/);
}

async function signInAtIdp(page: Page, login: string) {
  await page.goto("/signin");
  await page.getByTestId("signin-sso").click();
  await expect(page).toHaveURL(new RegExp(`^${E2E_OIDC.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test.describe("single sign-on (OpenID Connect)", () => {
  test("an invited person signs in through the IdP; strangers and unverified emails are refused", async ({
    browser,
    page,
  }) => {
    // Three round trips through the IdP's login and consent pages.
    test.setTimeout(90_000);
    // Unique per attempt, so a retry does not meet the first attempt's invitations.
    const stamp = Date.now();
    const member = `sso.manager.${stamp}@pult.test`;
    const unverified = `unverified.person.${stamp}@pult.test`;
    await signInWithPassword(page, E2E_ADMIN.email, E2E_ADMIN.password);
    const invite = await page.request.post("/api/trpc/users.invite", {
      data: { json: { email: member, name: "Sofia SSO", role: "MANAGER" } },
    });
    expect(invite.status()).toBe(200);
    const unverifiedInvite = await page.request.post("/api/trpc/users.invite", {
      data: {
        json: { email: unverified, name: "Uma Unverified", role: "MANAGER" },
      },
    });
    expect(unverifiedInvite.status()).toBe(200);

    const guest = await browser.newContext();
    const ssoPage = await guest.newPage();
    await signInAtIdp(ssoPage, member);
    await expect(ssoPage).toHaveURL(/\/live$/);
    await expect(ssoPage.getByText("Sofia SSO").first()).toBeVisible();
    await guest.close();

    // The invitation is used up: the admin now sees the person as active.
    const users = await page.request.get("/api/trpc/users.list");
    const body = (await users.json()) as {
      result: { data: { json: Array<{ email: string; status: string }> } };
    };
    expect(body.result.data.json.find((u) => u.email === member)?.status).toBe("ACTIVE");

    for (const login of [`stranger.${stamp}@pult.test`, unverified]) {
      const context = await browser.newContext();
      const strangerPage = await context.newPage();
      await signInAtIdp(strangerPage, login);
      await expect(strangerPage).toHaveURL(/\/signin\?.*error=AccessDenied/);
      await expect(strangerPage.getByTestId("signin-error")).toContainText(
        "There is no Pult account for this email",
      );
      await context.close();
    }
  });
});
