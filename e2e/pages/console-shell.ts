import { expect, type Locator, type Page } from "@playwright/test";

export const NAV_SECTIONS = ["live", "calls", "clients", "routing", "reports", "settings"] as const;
export type NavSection = (typeof NAV_SECTIONS)[number];

export class ConsoleShell {
  readonly userMenuButton: Locator;
  readonly userMenu: Locator;
  readonly tenantName: Locator;

  constructor(private readonly page: Page) {
    this.userMenuButton = page.getByTestId("user-menu-button");
    this.userMenu = page.getByTestId("user-menu");
    this.tenantName = page.getByTestId("tenant-name");
  }

  nav(section: NavSection): Locator {
    return this.page.getByTestId(`nav-${section}`);
  }

  async expectLoaded(): Promise<void> {
    await expect(this.userMenuButton).toBeVisible();
    for (const section of NAV_SECTIONS) await expect(this.nav(section)).toBeVisible();
  }

  async openUserMenu(): Promise<void> {
    if (await this.userMenu.isVisible()) return;
    await this.userMenuButton.click();
    await expect(this.userMenu).toBeVisible();
  }

  async switchLanguage(locale: "ru" | "en"): Promise<void> {
    await this.openUserMenu();
    const button = this.userMenu.getByTestId(`lang-${locale}`);
    if ((await button.getAttribute("aria-pressed")) !== "true") await button.click();
    await expect(this.page.locator("html")).toHaveAttribute("lang", locale);
    await expect(button).toHaveAttribute("aria-pressed", "true");
  }

  async signOut(): Promise<void> {
    await this.openUserMenu();
    await this.userMenu.getByTestId("signout-button").click();
    await this.page.waitForURL(/\/signin/);
  }
}
