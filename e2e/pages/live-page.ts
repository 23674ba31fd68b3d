import { expect, type Locator, type Page } from "@playwright/test";

export class LivePage {
  readonly board: Locator;
  readonly empty: Locator;
  readonly connection: Locator;
  readonly screenPop: Locator;

  constructor(private readonly page: Page) {
    this.board = page.getByTestId("live-board");
    this.empty = page.getByTestId("live-empty");
    this.connection = page.getByTestId("realtime-status");
    this.screenPop = page.getByTestId("screen-pop");
  }

  async goto(): Promise<void> {
    await this.page.goto("/live");
    await expect(this.board).toBeVisible();
    await expect(this.connection).toHaveAttribute("data-status", "connected");
  }

  /** A call row, found by the caller's number as the board shows it. */
  call(displayNumber: string): Locator {
    return this.page.getByTestId("live-call").filter({ hasText: displayNumber });
  }
}
