import { expect, test, type WebSocketRoute } from "@playwright/test";
import { E2E_ADMIN, E2E_SIMULATOR } from "./fixtures";
import { LivePage } from "./pages/live-page";
import { SignInPage } from "./pages/sign-in-page";
import { WorkplacesPage } from "./pages/telephony-page";
import { setPresenceQuietly } from "./support/direct-data";
import { connectAndSync, simulator } from "./support/pbx";

const CALLER = "+79990001122";
const CALLER_DISPLAY = "+7 999 000-11-22";
// A line without parking rings its workplace straight away, so the journey does not depend
// on routing decisions.
const DIRECT_NUMBER = "+74950001100";
// The simulator's sales line: parks the call, routing releases it, it rings.
const PARKED_NUMBER = "+74951234567";
const RACE_CALLER = "+79990005566";
const RACE_CALLER_DISPLAY = "+7 999 000-55-66";

type Structure = {
  version: number;
  workplaces: Array<{ id: string; name: string }>;
  numbers: Array<{
    number: string;
    kind: string;
    label: string;
    parking: boolean;
    workplaceIds: string[];
  }>;
};

test("a call rings at the admin's workplace: board, screen pop, answer, hang up", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const original = await simulator<Structure>(page.request, "/control/structure");
  const workplace = original.workplaces[0];
  if (!workplace) throw new Error("the simulator's structure needs a workplace");
  const withDirectLine: Structure = {
    ...original,
    numbers: [
      ...original.numbers.filter((n) => n.number !== DIRECT_NUMBER),
      {
        number: DIRECT_NUMBER,
        kind: "city",
        label: "E2E direct line",
        parking: false,
        workplaceIds: [workplace.id],
      },
    ],
  };
  const put = await page.request.put(`${E2E_SIMULATOR.url}/control/structure`, {
    data: withDirectLine,
  });
  expect(put.ok()).toBe(true);

  try {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
    await page.waitForURL(/\/live$/);
    await connectAndSync(page);

    const workplaces = new WorkplacesPage(page);
    await workplaces.goto();
    await workplaces.linkUser(workplace.name, "Administrator");
    await expect(workplaces.userSelect(workplace.name)).not.toHaveValue("");

    const live = new LivePage(page);
    await live.goto();

    const { callId } = await simulator<{ callId: string }>(page.request, "/control/calls", {
      from: CALLER,
      to: DIRECT_NUMBER,
    });
    const row = live.call(CALLER_DISPLAY);
    await expect(row).toHaveCount(1, { timeout: 15_000 });
    await expect(row).toContainText("E2E direct line");
    await expect(row.getByTestId("live-call-state")).toHaveText(`Ringing at ${workplace.name}`);

    // The screen pop for an unknown caller: the number and nothing invented.
    await expect(live.screenPop).toBeVisible();
    await expect(live.screenPop).toHaveAttribute("role", "alertdialog");
    await expect(live.screenPop.getByTestId("screen-pop-caller")).toHaveText(CALLER_DISPLAY);
    await expect(live.screenPop.getByTestId("screen-pop-unknown")).toHaveText(
      "Not in your clients yet",
    );

    await simulator(page.request, `/control/calls/${encodeURIComponent(callId)}/answer`, {});
    await expect(row.getByTestId("live-call-state")).toHaveText(/^Talking/, { timeout: 15_000 });
    // Answered: no longer ringing, so the pop goes away by itself.
    await expect(live.screenPop).toBeHidden();
    await expect(row.getByTestId("live-call-timer")).toHaveText(/^0:0\d$/);

    await simulator(page.request, `/control/calls/${encodeURIComponent(callId)}/hangup`, {});
    await expect(row).toHaveCount(0, { timeout: 15_000 });
    await expect(live.empty).toBeVisible();

    // A second call: the pop takes focus (nothing else had it) and Escape dismisses it.
    const second = await simulator<{ callId: string }>(page.request, "/control/calls", {
      from: CALLER,
      to: DIRECT_NUMBER,
    });
    await expect(live.screenPop).toBeVisible({ timeout: 15_000 });
    await expect(live.screenPop).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(live.screenPop).toBeHidden();
    await expect(row).toHaveCount(1);
    await simulator(page.request, `/control/calls/${encodeURIComponent(second.callId)}/hangup`, {});
    await expect(row).toHaveCount(0, { timeout: 15_000 });

    // The admin's own status, set from the board.
    await page.getByTestId("presence-BREAK").click();
    await expect(page.getByTestId("presence-BREAK")).toHaveAttribute("aria-pressed", "true");
  } finally {
    await page.request.put(`${E2E_SIMULATOR.url}/control/structure`, { data: original });
  }
});

test("a refetch that read the board before a call was pushed does not take the call away", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // The socket goes through the test, which can drop it: on reconnecting the board refetches.
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/socket\.io\//, (socket) => {
    socket.connectToServer();
    sockets.push(socket);
  });
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL(/\/live$/);
  await connectAndSync(page);
  const live = new LivePage(page);
  await live.goto();

  // The next calls.live answer is read now, before the call exists, and held back. It also
  // carries a status no socket announced: when the board shows it, the answer is applied.
  const shown = page.getByTestId("presence-switch").locator('[aria-pressed="true"]');
  const quiet =
    (await shown.getAttribute("data-testid")) === "presence-OFFLINE" ? "BREAK" : "OFFLINE";
  await setPresenceQuietly(E2E_ADMIN.email, quiet);
  let isRead: () => void = () => undefined;
  const read = new Promise<void>((resolve) => (isRead = resolve));
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    /\/api\/trpc\/[^?]*calls\.live/,
    async (route) => {
      const response = await route.fetch();
      isRead();
      await released;
      // Swallowed only when a failed test releases it after the page has gone.
      await route.fulfill({ response }).catch(() => undefined);
    },
    { times: 1 },
  );
  for (const socket of sockets.splice(0)) await socket.close();
  await read;
  await expect(live.connection).toHaveAttribute("data-status", "connected");

  const { callId } = await simulator<{ callId: string }>(page.request, "/control/calls", {
    from: RACE_CALLER,
    to: PARKED_NUMBER,
  });
  try {
    const row = live.call(RACE_CALLER_DISPLAY);
    await expect(row.getByTestId("live-call-state")).toHaveText(/^Ringing/, { timeout: 15_000 });
    release();
    await expect(page.getByTestId(`presence-${quiet}`)).toHaveAttribute("aria-pressed", "true");
    // Counted once, at the answer: a later push of the call must not stand in for it.
    expect(await row.count(), "the pushed call after the older answer").toBe(1);
  } finally {
    release();
    await simulator(page.request, `/control/calls/${encodeURIComponent(callId)}/hangup`, {});
  }
});
