import { expect, type Locator, type Page } from "@playwright/test";

export class ClientsPage {
  readonly table: Locator;
  readonly search: Locator;
  readonly empty: Locator;
  readonly notice: Locator;
  readonly newDialog: Locator;
  readonly importDialog: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByTestId("clients-table");
    this.search = page.getByTestId("clients-search");
    this.empty = page.getByTestId("clients-empty");
    this.notice = page.getByTestId("clients-notice");
    this.newDialog = page.getByTestId("new-client-dialog");
    this.importDialog = page.getByTestId("import-dialog");
  }

  async goto(): Promise<void> {
    await this.page.goto("/clients");
    await expect(this.table.or(this.empty)).toBeVisible({ timeout: 30_000 });
  }

  row(name: string): Locator {
    return this.page.getByTestId("client-row").filter({ hasText: name });
  }

  async openNewClient(): Promise<void> {
    await this.page.getByTestId("clients-new").click();
    await expect(this.newDialog).toBeVisible();
  }

  async fillNewClient(client: { name: string; company?: string; phone: string }): Promise<void> {
    await this.newDialog.getByTestId("client-name").fill(client.name);
    if (client.company) await this.newDialog.getByTestId("client-company").fill(client.company);
    await this.newDialog.getByTestId("phone-input").first().fill(client.phone);
  }

  phonePreview(): Locator {
    return this.newDialog.getByTestId("phone-preview").first();
  }

  async submitNewClient(): Promise<void> {
    await this.newDialog.getByTestId("client-save").click();
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
  }

  async previewImport(file: { name: string; buffer: Buffer }): Promise<void> {
    await this.page.getByTestId("clients-import").click();
    await expect(this.importDialog).toBeVisible();
    await this.importDialog
      .getByTestId("import-file")
      .setInputFiles({ name: file.name, mimeType: "text/csv", buffer: file.buffer });
    await expect(this.importDialog.getByTestId("import-summary")).toBeVisible();
  }

  importRows(action: "create" | "update" | "reject"): Locator {
    return this.importDialog.locator(`[data-testid="import-row"][data-action="${action}"]`);
  }

  async confirmImport(): Promise<void> {
    await this.importDialog.getByTestId("import-confirm").click();
    await expect(this.importDialog).toBeHidden();
  }
}
