import { expect, test } from "@playwright/test";
import { E2E_ADMIN, E2E_SIMULATOR } from "./fixtures";
import { RecordingPlayerPanel, RecordingsPage } from "./pages/recordings-page";
import { SignInPage } from "./pages/sign-in-page";
import { connectAndSync, simulator } from "./support/pbx";

const CALLER = "+79990006655";
const CALLER_DISPLAY = "+7 999 000-66-55";
const LINE = { number: "+74950006600", label: "E2E talk analytics line" };
const TALK_MS = 15_000;

type Structure = {
  version: number;
  workplaces: Array<{ id: string; name: string }>;
  numbers: Array<{ number: string; workplaceIds: string[] } & Record<string, unknown>>;
};

test("a call's page shows who speaks when under the player, and the talk figures", async ({
  page,
}) => {
  test.setTimeout(180_000);
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
    await connectAndSync(page);

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

    // The analysis runs in the background; the panel says so, then shows the figures.
    const panel = page.getByTestId("talk-panel");
    await expect(panel).toHaveAttribute("data-status", "READY", { timeout: 60_000 });
    const player = new RecordingPlayerPanel(page.getByTestId("call-recordings"));
    const strip = page.getByTestId("talk-strip");
    await expect(strip).toBeVisible();
    await expect(strip).toHaveAttribute("data-lanes", "2");
    // Both parties spoke: the manager's and the client's lanes have speech.
    await expect
      .poll(async () => Number(await strip.getByTestId("talk-lane-0").getAttribute("data-pieces")))
      .toBeGreaterThan(0);
    await expect
      .poll(async () => Number(await strip.getByTestId("talk-lane-1").getAttribute("data-pieces")))
      .toBeGreaterThan(0);
    await expect(page.getByTestId("talk-mono")).toHaveCount(0);
    await expect(page.getByTestId("talk-figure-talkRatio")).toContainText("%");
    await expect(page.getByTestId("talk-figure-firstWords")).toContainText(/\d/);
    await expect(page.getByTestId("talk-figure-longestSilence")).toBeVisible();

    // The strip is as wide as the waveform and lined up with it.
    const waveBox = await player.waveform.boundingBox();
    const laneBox = await strip.getByTestId("talk-lane-0").boundingBox();
    if (!waveBox || !laneBox) throw new Error("the player or the strip is not visible");
    expect(Math.abs(waveBox.x - laneBox.x)).toBeLessThan(2);
    expect(Math.abs(waveBox.width - laneBox.width)).toBeLessThan(2);

    // A click on the strip seeks the player there.
    const total = await player.total();
    await strip.getByRole("group").click({ position: { x: laneBox.width * 0.6, y: 6 } });
    await expect.poll(() => player.position()).toBeGreaterThanOrEqual(Math.floor(total * 0.6) - 1);
    // With the strip focused, ← goes back to the previous turn (not 10 s).
    const before = await player.position();
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => player.position()).toBeLessThan(before);
    await page.screenshot({ path: "test-results/talk-analytics.png", fullPage: true });

    // Supervisors and admins can run the analysis again.
    await page.getByTestId("talk-rerun").click();
    await expect(panel).toHaveAttribute("data-status", "READY", { timeout: 60_000 });

    // Recordings filter by the figures: the analysed call matches a share of talk from 0 %, and
    // no call has a ten-minute silence.
    await page.goto("/recordings?minManagerShare=0");
    await expect(recordings.items.filter({ hasText: CALLER_DISPLAY }).first()).toBeVisible();
    await page.goto("/recordings?minSilenceSec=600");
    await expect(recordings.empty).toBeVisible();

    // Reports: the per-manager talk averages sit under the managers' table.
    await page.goto("/reports");
    const averages = page.getByTestId("talk-averages-section");
    await expect(averages).toBeVisible({ timeout: 30_000 });
    await expect(
      averages.getByTestId("talk-averages").or(averages.getByText(/No analysed/)),
    ).toBeVisible();
  } finally {
    await page.request.put(`${E2E_SIMULATOR.url}/control/structure`, { data: original });
  }
});
