import { expect, type Locator, type Page } from "@playwright/test";

export class ApiKeysPage {
  readonly dialog: Locator;
  readonly keyValue: Locator;
  readonly table: Locator;
  readonly empty: Locator;
  readonly notice: Locator;

  constructor(private readonly page: Page) {
    this.dialog = page.getByTestId("create-key-dialog");
    this.keyValue = page.getByTestId("create-key-value");
    this.table = page.getByTestId("api-keys-table");
    this.empty = page.getByTestId("api-keys-empty");
    this.notice = page.getByTestId("api-keys-notice");
  }

  async goto(): Promise<void> {
    await this.page.goto("/settings/api-keys");
    await expect(this.table.or(this.empty)).toBeVisible();
  }

  row(name: string): Locator {
    return this.page
      .getByTestId("api-key-row")
      .filter({ has: this.page.getByTestId("api-key-name").getByText(name, { exact: true }) });
  }

  openCreate(): Promise<void> {
    return this.page.getByTestId("api-keys-create").click();
  }

  async submitCreate(name: string, expiresOn?: string): Promise<void> {
    await this.page.getByTestId("create-key-name").fill(name);
    if (expiresOn) await this.page.getByTestId("create-key-expires").fill(expiresOn);
    await this.page.getByTestId("create-key-submit").click();
  }

  /** Creates a key and returns it as shown once in the dialog (dialog left open). */
  async create(name: string): Promise<string> {
    await this.openCreate();
    await expect(this.dialog).toBeVisible();
    await this.submitCreate(name);
    await expect(this.keyValue).toBeVisible();
    return this.keyValue.inputValue();
  }

  copyKey(): Promise<void> {
    return this.page.getByTestId("create-key-value-copy").click();
  }

  async closeDialog(): Promise<void> {
    await this.page.getByTestId("create-key-done").click();
    await expect(this.dialog).toBeHidden();
  }

  async revoke(name: string): Promise<void> {
    await this.row(name).getByTestId("api-key-revoke").click();
    await expect(this.page.getByTestId("revoke-key-dialog")).toBeVisible();
    await this.page.getByTestId("revoke-key-confirm").click();
    await expect(this.page.getByTestId("revoke-key-dialog")).toBeHidden();
  }
}
