import { expect, type Locator, type Page } from "@playwright/test";

export class InvitePage {
  readonly email: Locator;
  readonly name: Locator;
  readonly password: Locator;
  readonly confirm: Locator;
  readonly submit: Locator;
  readonly invalid: Locator;

  constructor(private readonly page: Page) {
    this.email = page.getByTestId("invite-email");
    this.name = page.getByTestId("invite-name");
    this.password = page.getByTestId("invite-password");
    this.confirm = page.getByTestId("invite-confirm");
    this.submit = page.getByTestId("invite-submit");
    this.invalid = page.getByTestId("invite-invalid");
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
  }

  async fill(values: { name: string; password: string; confirm: string }): Promise<void> {
    await this.name.fill(values.name);
    await this.password.fill(values.password);
    await this.confirm.fill(values.confirm);
  }

  async accept(values: { name: string; password: string }): Promise<void> {
    await this.fill({ ...values, confirm: values.password });
    await this.submit.click();
    await this.page.waitForURL(/\/live$/);
    await expect(this.page.getByTestId("user-menu-button")).toBeVisible();
  }
}
