import { expect, test } from "@playwright/test";
import { E2E_ADMIN, E2E_SIMULATOR } from "./fixtures";
import { ConsoleShell } from "./pages/console-shell";
import { RecordingPlayerPanel, RecordingsPage } from "./pages/recordings-page";
import { SignInPage } from "./pages/sign-in-page";
import { connectAndSync, simulator } from "./support/pbx";

// Speech recognition through the PBX simulator's OpenAI-compatible endpoint: Settings → Speech
// points at it, a simulated call's recording is transcribed, the call page shows the dialogue
// and a phrase seeks the player, and /recordings finds the call by another form of a word said.

const CALLER = "+79990007744";
const CALLER_DISPLAY = "+7 999 000-77-44";
const LINE = { number: "+74950007700", label: "E2E transcripts line" };
const TALK_MS = 20_000;
// Words the simulator's greetings and phrases say (speech/manifest.json), each with another
// form of it: Russian stemming must find the one through the other.
const INFLECTIONS: Array<[RegExp, string]> = [
  [/телефони/i, "телефонии"],
  [/виртуальн/i, "виртуальной"],
  [/слушаю/i, "слушаем"],
  [/компани/i, "компании"],
  [/разговор/i, "разговорами"],
  [/тариф/i, "тарифами"],
  [/месяц/i, "месяцами"],
];

type Structure = {
  version: number;
  workplaces: Array<{ id: string; name: string }>;
  numbers: Array<{ number: string; workplaceIds: string[] } & Record<string, unknown>>;
};

test("a call is transcribed through the simulator, read beside the player, and found by search", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const original = await simulator<Structure>(page.request, "/control/structure");
  const workplace = original.workplaces[0];
  if (!workplace) throw new Error("the simulator's structure needs a workplace");
  const withLine: Structure = {
    ...original,
    numbers: [
      ...original.numbers.filter((n) => n.number !== LINE.number),
      { ...LINE, kind: "city", parking: false, workplaceIds: [workplace.id] },
    ],
  };
  expect(
    (await page.request.put(`${E2E_SIMULATOR.url}/control/structure`, { data: withLine })).ok(),
  ).toBe(true);
  try {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
    await page.waitForURL(/\/live$/);
    await new ConsoleShell(page).switchLanguage("en");
    await connectAndSync(page);

    // Settings → Speech: the simulator's endpoint, saved and tested.
    await page.goto("/settings/speech");
    const form = page.getByTestId("speech-form");
    await form.getByTestId("speech-backend-OPENAI").check();
    await form.getByLabel("Endpoint").fill("not a url");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByText("Enter a full http:// or https:// address.")).toBeVisible();
    await form.getByRole("button", { name: "Use the simulator" }).click();
    await form.getByLabel("API key").fill("sk-e2e-simulator-key");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await expect(form.getByText("A key is saved.")).toBeVisible();
    await expect(form.getByTestId("speech-api-key")).toHaveValue("");
    await form.getByTestId("speech-test").click();
    await expect(form.getByTestId("speech-test-result")).toContainText("Connected in");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: "test-results/settings-speech-en-desktop.png" });

    // A simulated call: the simulator records it as a two-channel conversation.
    const { callId } = await simulator<{ callId: string }>(page.request, "/control/calls", {
      from: CALLER,
      to: LINE.number,
    });
    await simulator(page.request, `/control/calls/${encodeURIComponent(callId)}/answer`, {});
    await page.waitForTimeout(TALK_MS);
    await simulator(page.request, `/control/calls/${encodeURIComponent(callId)}/hangup`, {});

    const recordings = new RecordingsPage(page);
    const listed = recordings.items.filter({ hasText: CALLER_DISPLAY }).first();
    await expect(async () => {
      await recordings.goto();
      await expect(listed).toHaveAttribute("data-status", "READY", { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    const pultCallId = await listed.getAttribute("data-call-id");
    if (!pultCallId) throw new Error("the recordings item has no call id");
    await page.goto(`/calls/${pultCallId}`);

    // Queued, then done: the dialogue of both parties sits in the player.
    const panel = page.getByTestId("transcript-panel");
    await expect(panel).toHaveAttribute("data-status", "DONE", { timeout: 90_000 });
    const phrases = page.getByTestId("transcript-phrase");
    await expect(phrases.first()).toBeVisible();
    expect(await phrases.count()).toBeGreaterThanOrEqual(2);
    await expect(phrases.filter({ hasText: "Manager" }).first()).toBeVisible();
    await expect(phrases.filter({ hasText: "Client" }).first()).toBeVisible();
    await expect(
      page.locator('[data-testid="transcript-phrase"][data-party="MANAGER"]').first(),
    ).toBeVisible();
    await expect(
      page.locator('[data-testid="transcript-phrase"][data-party="CLIENT"]').first(),
    ).toBeVisible();

    // A click on a phrase seeks the player to it, and the phrase is highlighted.
    const player = new RecordingPlayerPanel(page.getByTestId("call-recordings"));
    const second = phrases.nth(1);
    const secondAt = Number(await second.getAttribute("data-start-ms")) / 1000;
    await second.click();
    await expect.poll(() => player.position()).toBeGreaterThanOrEqual(Math.floor(secondAt));
    await expect(second).toHaveAttribute("aria-current", "true");
    // Enter on a focused phrase does the same.
    const first = phrases.first();
    const firstAt = Number(await first.getAttribute("data-start-ms")) / 1000;
    await first.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => player.position()).toBeLessThan(secondAt);
    expect(await player.position()).toBeGreaterThanOrEqual(Math.floor(firstAt));
    // The player and the dialogue in view (a full-page shot would draw the sticky header
    // halfway down).
    await page.evaluate(() => {
      const section = document.querySelector('[data-testid="call-recordings"]');
      if (section) window.scrollTo(0, section.getBoundingClientRect().top + window.scrollY - 72);
    });
    await page.screenshot({ path: "test-results/calls-id-transcript-en-desktop.png" });

    // Search by another form of a word said in the call.
    const said = (await phrases.allTextContents()).join(" ");
    const pair = INFLECTIONS.find(([word]) => word.test(said));
    if (!pair) throw new Error(`no known word in: ${said}`);
    const [word, inflected] = pair;
    const hitAt =
      Number(await phrases.filter({ hasText: word }).first().getAttribute("data-start-ms")) / 1000;
    await page.goto("/recordings");
    const search = page.getByTestId("transcript-search");
    await search.getByTestId("transcript-search-input").fill(inflected);
    await search.getByTestId("transcript-search-input").press("Enter");
    const hit = search
      .getByTestId("transcript-hit")
      .filter({ has: page.locator(`a[href^="/calls/${pultCallId}?t="]`) });
    await expect(hit).toBeVisible({ timeout: 15_000 });
    await expect(hit.locator("mark").first()).toHaveText(word);
    await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(inflected)}`));
    await page.screenshot({
      path: "test-results/recordings-search-en-desktop.png",
      fullPage: true,
    });

    // The link opens the call and plays from the hit.
    await hit.getByTestId("transcript-hit-play").click();
    await page.waitForURL(new RegExp(`/calls/${pultCallId}\\?t=`));
    const opened = new RecordingPlayerPanel(page.getByTestId("call-recordings"));
    await expect(opened.controls).toHaveAttribute("data-playing", "true", { timeout: 15_000 });
    expect(await opened.position()).toBeGreaterThanOrEqual(Math.floor(hitAt));
  } finally {
    await page.request.put(`${E2E_SIMULATOR.url}/control/structure`, { data: original });
  }
});
