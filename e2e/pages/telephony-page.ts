import { expect, type Locator, type Page } from "@playwright/test";

export type Credentials = {
  clientId: string;
  clientSecret: string;
  apiUrl: string;
  oauthUrl: string;
};

export class TelephonyPage {
  readonly status: Locator;
  readonly clientId: Locator;
  readonly clientSecret: Locator;
  readonly apiUrl: Locator;
  readonly oauthUrl: Locator;
  readonly save: Locator;
  readonly connect: Locator;
  readonly sync: Locator;
  readonly syncResult: Locator;
  readonly redirectUri: Locator;
  readonly successBanner: Locator;
  readonly errorBanner: Locator;
  readonly notice: Locator;

  constructor(private readonly page: Page) {
    this.status = page.getByTestId("telephony-status");
    this.clientId = page.getByTestId("client-id");
    this.clientSecret = page.getByTestId("client-secret");
    this.apiUrl = page.getByTestId("api-url");
    this.oauthUrl = page.getByTestId("oauth-url");
    this.save = page.getByTestId("credentials-save");
    this.connect = page.getByTestId("connect-button");
    this.sync = page.getByTestId("sync-button");
    this.syncResult = page.getByTestId("sync-result");
    this.redirectUri = page.getByTestId("redirect-uri");
    this.successBanner = page.getByTestId("connect-result-success");
    this.errorBanner = page.getByTestId("connect-result-error");
    this.notice = page.getByTestId("telephony-notice");
  }

  async goto(): Promise<void> {
    await this.page.goto("/settings/telephony");
    await expect(this.status).toBeVisible();
  }

  /** Fills the form and saves it with Enter, as a keyboard user would. */
  async saveCredentials(values: Credentials): Promise<void> {
    await this.clientId.fill(values.clientId);
    await this.clientSecret.fill(values.clientSecret);
    await this.page.getByText("Advanced", { exact: true }).click();
    await this.apiUrl.fill(values.apiUrl);
    await this.oauthUrl.fill(values.oauthUrl);
    await this.clientSecret.press("Enter");
    await expect(this.page.getByTestId("telephony-notice-success")).toBeVisible();
    await expect(this.clientSecret).toHaveValue("");
    await expect(this.connect).toBeEnabled();
  }

  /** Connect → the simulator's MTT sign-in form → back to Pult. */
  async connectAndSignIn(login: string, password: string, oauthOrigin: string): Promise<void> {
    await this.connect.click();
    await this.page.waitForURL((url) => url.href.startsWith(oauthOrigin));
    await this.page.locator('input[name="login"]').fill(login);
    await this.page.locator('input[name="password"]').fill(password);
    await this.page.locator('button[value="allow"]').click();
    await this.page.waitForURL(/\/settings\/telephony(\?|$)/);
  }

  /** Leaves the tenant disconnected so a journey can start from scratch. */
  async disconnectIfConnected(): Promise<void> {
    const open = this.page.getByTestId("disconnect-open");
    if ((await open.count()) === 0) return;
    await open.click();
    await this.page.getByTestId("disconnect-confirm").click();
    await expect(this.page.getByTestId("disconnect-dialog")).toBeHidden();
    await expect(this.status).toHaveText("Not connected");
  }
}

export class WorkplacesPage {
  readonly table: Locator;
  readonly numbers: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByTestId("workplaces-table");
    this.numbers = page.getByTestId("numbers-table");
  }

  async goto(): Promise<void> {
    await this.page.goto("/settings/workplaces");
    await expect(this.table).toBeVisible();
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="workplace-row"][data-name="${name}"]`);
  }

  userSelect(name: string): Locator {
    return this.row(name).getByTestId("workplace-user-select");
  }

  /** The option for a person, whether or not they are linked elsewhere ("Name (now at …)"). */
  userOption(workplace: string, user: string): Locator {
    const escaped = user.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return this.userSelect(workplace)
      .locator("option")
      .filter({ hasText: new RegExp(`^${escaped}( \\(|$)`) });
  }

  async linkUser(workplace: string, user: string): Promise<void> {
    const value = await this.userOption(workplace, user).getAttribute("value");
    if (!value) throw new Error(`${user} is not offered for ${workplace}`);
    await this.userSelect(workplace).selectOption(value);
  }
}
