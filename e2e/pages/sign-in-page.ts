import { expect, type Locator, type Page } from "@playwright/test";

export class SignInPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;
  readonly heading: Locator;

  constructor(private readonly page: Page) {
    this.email = page.getByTestId("signin-email");
    this.password = page.getByTestId("signin-password");
    this.submit = page.getByTestId("signin-submit");
    this.error = page.getByTestId("signin-error");
    this.heading = page.getByRole("heading", { level: 1 });
  }

  async goto(): Promise<void> {
    await this.page.goto("/signin");
    await expect(this.submit).toBeVisible();
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    // Enter submits, as a person would.
    await this.password.press("Enter");
  }

  async switchLanguage(locale: "ru" | "en"): Promise<void> {
    await this.page.getByTestId(`lang-${locale}`).click();
    await expect(this.page.locator("html")).toHaveAttribute("lang", locale);
  }
}
