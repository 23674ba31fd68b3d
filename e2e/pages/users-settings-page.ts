import { expect, type Locator, type Page } from "@playwright/test";

export type Role = "ADMIN" | "SUPERVISOR" | "MANAGER";

export class UsersSettingsPage {
  readonly table: Locator;
  readonly inviteDialog: Locator;
  readonly inviteLink: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByTestId("users-table");
    this.inviteDialog = page.getByTestId("invite-dialog");
    this.inviteLink = page.getByTestId("invite-link");
  }

  async goto(): Promise<void> {
    await this.page.goto("/settings/users");
    await expect(this.table).toBeVisible();
  }

  row(email: string): Locator {
    return this.page.locator(`[data-testid="user-row"][data-email="${email}"]`);
  }

  /** Invites someone and returns the invite URL shown in the dialog (dialog left open). */
  async invite(user: { email: string; name: string; role: Role }): Promise<string> {
    await this.page.getByTestId("invite-open").click();
    await expect(this.inviteDialog).toBeVisible();
    await this.page.getByTestId("invite-dialog-email").fill(user.email);
    await this.page.getByTestId("invite-dialog-name").fill(user.name);
    await this.page.getByTestId("invite-dialog-role").selectOption(user.role);
    await this.page.getByTestId("invite-dialog-submit").click();
    await expect(this.inviteLink).toBeVisible();
    return this.inviteLink.inputValue();
  }

  async copyInviteLink(): Promise<void> {
    await this.page.getByTestId("invite-copy").click();
  }

  async closeInviteDialog(): Promise<void> {
    await this.page.getByTestId("invite-done").click();
    await expect(this.inviteDialog).toBeHidden();
  }

  async setStatus(email: string, action: "disable" | "enable"): Promise<void> {
    await this.row(email).getByTestId(`user-${action}`).click();
    await this.page.getByTestId("confirm-status-submit").click();
    await expect(this.page.getByTestId("confirm-status-dialog")).toBeHidden();
  }
}
