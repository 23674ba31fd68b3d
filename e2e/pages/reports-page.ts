import { expect, type Download, type Locator, type Page } from "@playwright/test";

export class ReportsPage {
  readonly root: Locator;
  readonly totalRow: Locator;
  readonly drill: Locator;
  readonly drillRows: Locator;
  readonly forbidden: Locator;
  readonly empty: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId("reports-page");
    this.totalRow = page.getByTestId("total-row");
    this.drill = page.getByTestId("drill-dialog");
    this.drillRows = this.drill.getByTestId("drill-row");
    this.forbidden = page.getByTestId("reports-forbidden");
    this.empty = page.getByTestId("reports-empty");
  }

  async goto(): Promise<void> {
    await this.page.goto("/reports");
    await expect(this.root.or(this.forbidden)).toBeVisible({ timeout: 20_000 });
  }

  async setCustomPeriod(from: string, to: string): Promise<void> {
    await this.page.getByTestId("period-from").fill(from);
    await this.page.getByTestId("period-to").fill(to);
  }

  async choosePreset(
    preset: "today" | "yesterday" | "thisWeek" | "lastWeek" | "thisMonth" | "last30",
  ) {
    await this.page.getByTestId(`period-${preset}`).click();
  }

  async pickManagers(names: string[]): Promise<void> {
    await this.page.getByTestId("filter-managers").selectOption(names.map((label) => ({ label })));
  }

  kpi(key: string): Locator {
    return this.page.getByTestId(`kpi-${key}-value`);
  }

  managerRow(name: string): Locator {
    return this.page.locator(`[data-testid="manager-row"][data-manager="${name}"]`);
  }

  async drillInto(managerName: string, figure: string): Promise<void> {
    await this.managerRow(managerName).getByTestId(`cell-${figure}`).click();
    await expect(this.drill).toBeVisible();
  }

  async download(testId: "export-managers" | "export-calls" | "drill-export"): Promise<string> {
    const [download]: [Download, void] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByTestId(testId).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks)
      .toString("utf8")
      .replace(/^\uFEFF/, "");
  }
}

/** CSV text → rows of cells (quoted cells with commas supported). */
export function parseCsv(text: string): string[][] {
  return text
    .trim()
    .split("\r\n")
    .map((line) => {
      const cells: string[] = [];
      let cell = "";
      let isQuoted = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (isQuoted && ch === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') {
          isQuoted = !isQuoted;
        } else if (ch === "," && !isQuoted) {
          cells.push(cell);
          cell = "";
        } else {
          cell += ch;
        }
      }
      cells.push(cell);
      return cells;
    });
}
