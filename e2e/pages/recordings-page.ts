import { expect, type Locator, type Page } from "@playwright/test";

/** One recording player (call page, Recordings page, client card). */
export class RecordingPlayerPanel {
  readonly controls: Locator;
  readonly toggle: Locator;
  readonly waveform: Locator;
  readonly speed: Locator;
  readonly time: Locator;
  readonly forward: Locator;
  readonly back: Locator;
  readonly download: Locator;
  readonly failed: Locator;
  readonly retry: Locator;

  constructor(readonly root: Locator) {
    this.controls = root.getByTestId("recording-player");
    this.toggle = root.getByTestId("player-toggle");
    this.waveform = root.getByTestId("player-waveform");
    this.speed = root.getByTestId("player-speed");
    this.time = root.getByTestId("player-time");
    this.forward = root.getByTestId("player-forward");
    this.back = root.getByTestId("player-back");
    this.download = root.getByTestId("player-download");
    this.failed = root.getByTestId("recording-failed");
    this.retry = root.getByTestId("recording-retry");
  }

  async position(): Promise<number> {
    return Number(await this.waveform.getAttribute("aria-valuenow"));
  }

  async total(): Promise<number> {
    return Number(await this.waveform.getAttribute("aria-valuemax"));
  }

  async play(): Promise<void> {
    await this.toggle.click();
    await expect(this.controls).toHaveAttribute("data-playing", "true");
  }

  async pause(): Promise<void> {
    await this.toggle.click();
    await expect(this.controls).toHaveAttribute("data-playing", "false");
  }

  /** Clicks the waveform at a fraction of its width (0..1). */
  async seekTo(fraction: number): Promise<void> {
    const box = await this.waveform.boundingBox();
    if (!box) throw new Error("the waveform is not visible");
    await this.waveform.click({ position: { x: box.width * fraction, y: box.height / 2 } });
  }

  async setSpeed(rate: string): Promise<void> {
    await this.speed.selectOption(rate);
    await expect(this.controls).toHaveAttribute("data-rate", rate);
  }
}

export class RecordingsPage {
  readonly items: Locator;
  readonly empty: Locator;
  readonly player: RecordingPlayerPanel;
  readonly filters: Locator;

  constructor(private readonly page: Page) {
    this.items = page.getByTestId("recordings-item");
    this.empty = page.getByTestId("recordings-empty");
    this.filters = page.getByTestId("recordings-filters");
    this.player = new RecordingPlayerPanel(page.getByTestId("now-playing"));
  }

  async goto(): Promise<void> {
    await this.page.goto("/recordings");
    await expect(this.items.first().or(this.empty)).toBeVisible();
  }

  item(recordingId: string): Locator {
    return this.page.locator(`[data-testid="recordings-item"][data-recording-id="${recordingId}"]`);
  }

  async filter(field: "number" | "minDurationSec" | "maxDurationSec", value: string) {
    await this.filters.locator(`input[name="${field}"]`).fill(value);
    await this.page.getByTestId("recordings-apply").click();
  }

  fieldError(field: string): Locator {
    return this.page.getByTestId(`${field}-error`);
  }
}

export class RecordingAuditPage {
  readonly rows: Locator;
  readonly empty: Locator;

  constructor(private readonly page: Page) {
    this.rows = page.getByTestId("audit-row");
    this.empty = page.getByTestId("audit-empty");
  }

  async goto(): Promise<void> {
    await this.page.goto("/settings/audit");
    await expect(this.rows.first().or(this.empty)).toBeVisible();
  }
}
