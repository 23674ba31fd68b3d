import { expect, type Locator, type Page } from "@playwright/test";

export class TasksPage {
  readonly table: Locator;
  readonly empty: Locator;
  readonly status: Locator;
  readonly assignee: Locator;
  readonly notice: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByTestId("tasks-table");
    this.empty = page.getByTestId("tasks-empty");
    this.status = page.getByLabel("Status", { exact: true });
    this.assignee = page.getByLabel("Assignee", { exact: true });
    this.notice = page.getByTestId("tasks-notice");
  }

  async goto(): Promise<void> {
    await this.page.goto("/tasks");
    await expect(this.table.or(this.empty)).toBeVisible();
  }

  /** A task row, found by the number or client name as the page shows it. */
  task(text: string): Locator {
    return this.page.getByTestId("task-row").filter({ hasText: text });
  }

  callBack(row: Locator): Locator {
    return row.getByRole("button", { name: "Call back" });
  }
}
