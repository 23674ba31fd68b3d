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

  /** Opens the managers multi-select, ticks each name, and closes it with Escape. */
  async pickManagers(names: string[]): Promise<void> {
    const trigger = this.page.getByTestId("filter-managers");
    await trigger.click();
    const list = this.page.getByRole("listbox");
    for (const name of names) {
      const option = list.getByRole("option", { name, exact: true });
      await option.click();
      await expect(option).toHaveAttribute("aria-selected", "true");
    }
    await this.page.keyboard.press("Escape");
    await expect(list).toBeHidden();
    await expect(trigger).toBeFocused();
  }

  /** The same with the keyboard only: Enter opens, arrows move, Enter ticks, Escape closes. */
  async pickManagerByKeyboard(name: string): Promise<void> {
    const trigger = this.page.getByTestId("filter-managers");
    await trigger.focus();
    await this.page.keyboard.press("Enter");
    const list = this.page.getByRole("listbox");
    await expect(list).toBeVisible();
    const option = list.getByRole("option", { name, exact: true });
    for (
      let step = 0;
      step < 50 && !(await option.evaluate((el) => el === document.activeElement));
      step++
    )
      await this.page.keyboard.press("ArrowDown");
    await expect(option).toBeFocused();
    await this.page.keyboard.press("Enter");
    await expect(option).toHaveAttribute("aria-selected", "true");
    await this.page.keyboard.press("Escape");
    await expect(list).toBeHidden();
    await expect(trigger).toBeFocused();
  }

  /** The per-manager table's scroll box: how much of it is hidden sideways (0 when it fits). */
  async managersTableHiddenWidth(): Promise<number> {
    return this.page.getByTestId("managers-table").evaluate((table) => {
      const box = table.closest("[data-scroll-x]");
      return box ? box.scrollWidth - box.clientWidth : Number.NaN;
    });
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
    // The page's two exports sit in the "Export CSV" menu; the drill dialog's is a link.
    if (testId !== "drill-export") await this.page.getByTestId("export-menu").click();
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
