import { expect, type Locator, type Page } from "@playwright/test";

export class RoutingPage {
  readonly rules: Locator;
  readonly add: Locator;
  readonly editor: Locator;
  readonly notice: Locator;
  readonly test: Locator;

  constructor(private readonly page: Page) {
    this.rules = page.getByTestId("routing-rule");
    this.add = page.getByTestId("routing-add");
    this.editor = page.getByTestId("rule-editor");
    this.notice = page.getByTestId("routing-notice");
    this.test = page.getByTestId("routing-test");
  }

  async goto(): Promise<void> {
    await this.page.goto("/routing");
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(this.test).toBeVisible();
  }

  rule(name: string): Locator {
    return this.page.locator(`[data-testid="routing-rule"][data-rule-name="${name}"]`);
  }

  /** Fills the editor: name, caller "anyone", an external number as the action, no fallbacks. */
  async fillRule(opts: { name?: string; number: string; dialed?: string }): Promise<void> {
    const editor = this.editor;
    if (opts.name !== undefined) await editor.getByTestId("rule-name").fill(opts.name);
    if (opts.dialed) await editor.getByLabel(opts.dialed).check();
    await editor.getByTestId("rule-caller").selectOption("any");
    await editor.getByTestId("rule-action-kind").selectOption("number");
    await editor.getByTestId("rule-action-number").fill(opts.number);
  }

  async save(): Promise<void> {
    await this.editor.getByTestId("rule-save").click();
  }

  async runTest(caller: string, dialed: string): Promise<Locator> {
    await this.test.getByTestId("routing-test-caller").fill(caller);
    await this.test.getByTestId("routing-test-dialed").selectOption(dialed);
    await this.test.getByTestId("routing-test-run").click();
    const result = this.test.getByTestId("routing-test-result");
    await expect(result).toBeVisible();
    return result;
  }
}
