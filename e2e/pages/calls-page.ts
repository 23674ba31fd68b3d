import { expect, type Locator, type Page } from "@playwright/test";

export class CallsPage {
  readonly table: Locator;
  readonly rows: Locator;
  readonly empty: Locator;
  readonly count: Locator;
  readonly more: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByTestId("calls-table");
    this.rows = page.getByTestId("call-row");
    this.empty = page.getByTestId("calls-empty");
    this.count = page.getByTestId("calls-count");
    this.more = page.getByTestId("calls-more");
  }

  async goto(query = ""): Promise<void> {
    await this.page.goto(`/calls${query}`);
    await expect(this.table.or(this.empty)).toBeVisible({ timeout: 20_000 });
  }

  /** A call row, found by what the contact column shows (client name or number). */
  call(text: string): Locator {
    return this.rows.filter({ hasText: text });
  }

  filter(name: "period" | "direction" | "result" | "manager" | "number"): Locator {
    return this.page.getByTestId(`calls-filter-${name}`);
  }

  textFilter(name: "client" | "q"): Locator {
    return this.page.getByTestId(`calls-filter-${name}`);
  }

  filterError(name: "client" | "q"): Locator {
    return this.page.getByTestId(`calls-filter-${name}-error`);
  }

  async search(name: "client" | "q", value: string): Promise<void> {
    await this.textFilter(name).fill(value);
    await this.textFilter(name).press("Enter");
  }
}

export class CallDetailPage {
  readonly root: Locator;
  readonly title: Locator;
  readonly result: Locator;
  readonly events: Locator;
  readonly client: Locator;
  readonly recordings: Locator;
  readonly notFound: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId("call-detail");
    this.title = page.getByTestId("call-title");
    this.result = page.getByTestId("call-result");
    this.events = page.getByTestId("call-event");
    this.client = page.getByTestId("call-client");
    this.recordings = page.getByTestId("call-recordings");
    this.notFound = page.getByTestId("call-not-found");
  }

  async goto(callId: string): Promise<void> {
    await this.page.goto(`/calls/${callId}`);
  }

  async eventKinds(): Promise<string[]> {
    return this.events.evaluateAll((items) =>
      items.map((item) => item.getAttribute("data-kind") ?? ""),
    );
  }
}
