import { expect, request, test, type Page } from "@playwright/test";
import { E2E_ADMIN, E2E_BASE_URL, E2E_SIMULATOR } from "./fixtures";
import { RecordingAuditPage, RecordingPlayerPanel, RecordingsPage } from "./pages/recordings-page";
import { SignInPage } from "./pages/sign-in-page";
import { E2eDatabase } from "./support/e2e-database";
import { connectAndSync, signedIn, simulator } from "./support/pbx";

const CALLER = "+79990007788";
const CALLER_DISPLAY = "+7 999 000-77-88";
// No parking: the call rings its workplace at once, whatever routing decides.
const LINE = { number: "+74950007700", label: "E2E recordings line" };
const PASSWORD = "e2e-password-12345";
const TALK_MS = 14_000;

type Structure = {
  version: number;
  workplaces: Array<{ id: string; name: string }>;
  numbers: Array<{ number: string; workplaceIds: string[] } & Record<string, unknown>>;
};

test("a supervisor plays a call's recording, seeks and changes speed; the admin sees the play in the audit log", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const original = await simulator<Structure>(page.request, "/control/structure");
  const workplace = original.workplaces[0];
  if (!workplace) throw new Error("the simulator's structure needs a workplace");
  const withLine: Structure = {
    ...original,
    numbers: [
      ...original.numbers.filter((n) => n.number !== LINE.number),
      {
        number: LINE.number,
        kind: "city",
        label: LINE.label,
        parking: false,
        workplaceIds: [workplace.id],
      },
    ],
  };
  expect(
    (await page.request.put(`${E2E_SIMULATOR.url}/control/structure`, { data: withLine })).ok(),
  ).toBe(true);
  const db = await E2eDatabase.connect();
  let supervisorPage: Page | undefined;
  try {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
    await page.waitForURL(/\/live$/);
    await connectAndSync(page);
    const tenantId = await db.tenantIdOf(E2E_ADMIN.email);
    const supervisor = { email: `rita-${stamp}@pult.test`, name: `Rita Supervisor ${stamp}` };
    await db.createUser({ tenantId, ...supervisor, role: "SUPERVISOR", password: PASSWORD });

    // A call answered at the workplace, talking for a few seconds, then hung up.
    const { callId } = await simulator<{ callId: string }>(page.request, "/control/calls", {
      from: CALLER,
      to: LINE.number,
    });
    await simulator(page.request, `/control/calls/${encodeURIComponent(callId)}/answer`, {});
    await page.waitForTimeout(TALK_MS);
    await simulator(page.request, `/control/calls/${encodeURIComponent(callId)}/hangup`, {});

    supervisorPage = await signedIn(browser, supervisor.email, PASSWORD);
    // The Recordings page lists the call's recording; it opens the call from there.
    const recordings = new RecordingsPage(supervisorPage);
    const listed = recordings.items.filter({ hasText: CALLER_DISPLAY }).first();
    await expect(async () => {
      await recordings.goto();
      await expect(listed).toHaveAttribute("data-status", "READY", { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    const pultCallId = await listed.getAttribute("data-call-id");
    const recordingId = await listed.getAttribute("data-recording-id");
    if (!pultCallId || !recordingId) throw new Error("the recordings item has no ids");
    await recordings.filter("number", "12");
    await expect(recordings.fieldError("number")).toHaveText("Enter at least 3 digits.");
    await recordings.filter("number", "0007788");
    await expect(recordings.item(recordingId)).toBeVisible();
    // The applied filter is in the address: a reload (or a shared link) shows the same list.
    await expect(supervisorPage).toHaveURL(/[?&]number=0007788/);
    await supervisorPage.reload();
    await expect(recordings.filters.locator('input[name="number"]')).toHaveValue("0007788");
    await expect(recordings.item(recordingId)).toBeVisible();
    await recordings.item(recordingId).click();
    await expect(recordings.player.controls).toBeVisible();
    await supervisorPage.screenshot({ path: "test-results/recordings-page.png", fullPage: true });
    await supervisorPage.getByTestId("now-playing-call").click();
    await supervisorPage.waitForURL(new RegExp(`/calls/${pultCallId}$`));

    // The call's page plays it.
    const player = new RecordingPlayerPanel(supervisorPage.getByTestId("call-recordings"));
    await expect(player.controls).toBeVisible({ timeout: 15_000 });
    const total = await player.total();
    expect(total).toBeGreaterThanOrEqual(12);
    await expect(player.time).toHaveText(/^0:00 \/ 0:1\d$/);

    await player.play();
    await expect.poll(() => player.position(), { timeout: 10_000 }).toBeGreaterThan(0);
    await player.setSpeed("1.5");
    await player.seekTo(0.5);
    await expect.poll(() => player.position()).toBeGreaterThanOrEqual(Math.floor(total / 2) - 1);
    // Keyboard: the focused waveform jumps back 10 seconds with ←.
    const beforeKey = await player.position();
    await player.waveform.focus();
    await supervisorPage.keyboard.press("ArrowLeft");
    await expect.poll(() => player.position()).toBeLessThan(beforeKey - 5);
    await supervisorPage.keyboard.press("Space");
    await expect(player.controls).toHaveAttribute("data-playing", "false");
    await supervisorPage.screenshot({ path: "test-results/recording-player.png", fullPage: true });

    // The stream itself: Range works with the session, nothing works without one.
    const part = await supervisorPage.request.get(`/api/recordings/${recordingId}?file=0`, {
      headers: { range: "bytes=100-199" },
    });
    expect(part.status()).toBe(206);
    expect(part.headers()["content-range"]).toMatch(/^bytes 100-199\/\d+$/);
    expect((await part.body()).length).toBe(100);
    const anonymous = await request.newContext({ baseURL: E2E_BASE_URL });
    expect((await anonymous.get(`/api/recordings/${recordingId}?file=0`)).status()).toBe(401);
    await anonymous.dispose();

    // The admin's audit log shows who played it.
    const audit = new RecordingAuditPage(page);
    await audit.goto();
    const played = audit.rows.filter({ hasText: supervisor.name });
    await expect(played.first()).toContainText("Played");
    await expect(played.first()).toContainText(CALLER_DISPLAY);
    await page.screenshot({ path: "test-results/recordings-audit.png", fullPage: true });
  } finally {
    await supervisorPage?.context().close();
    await db.close();
    await page.request.put(`${E2E_SIMULATOR.url}/control/structure`, { data: original });
  }
});
