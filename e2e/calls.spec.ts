import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN, E2E_SIMULATOR } from "./fixtures";
import { CallDetailPage, CallsPage } from "./pages/calls-page";
import { LivePage } from "./pages/live-page";
import { SignInPage } from "./pages/sign-in-page";
import { WorkplacesPage } from "./pages/telephony-page";
import { E2eDatabase } from "./support/e2e-database";
import { connectAndSync, signedIn, simulator } from "./support/pbx";

const CALLER = "+79990003344";
const CALLER_DISPLAY = "+7 999 000-33-44";
const CLIENT = { name: "Roman Kovalev", company: "Romashka LLC" };
// No parking on this line: it rings its workplace at once, whatever routing decides.
const LINE = { number: "+74950002200", label: "E2E history line" };
const PASSWORD = "e2e-password-12345";

type Structure = {
  version: number;
  workplaces: Array<{ id: string; name: string }>;
  numbers: Array<{ number: string; workplaceIds: string[] } & Record<string, unknown>>;
};

/** Records whether a screen pop ever shows on the page, however briefly; read it later. */
async function watchScreenPops(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => {
    const state = window as unknown as { __popShown: boolean };
    state.__popShown = false;
    const seen = () => {
      if (document.querySelector('[data-testid="screen-pop"]')) state.__popShown = true;
    };
    new MutationObserver(seen).observe(document.body, { childList: true, subtree: true });
    seen();
  });
  return () => page.evaluate(() => (window as unknown as { __popShown: boolean }).__popShown);
}

test("a call rings on the board and the manager's screen, ends, and is in history; another company sees none of it", async ({
  page,
  browser,
}) => {
  // Four browsers and a production server on a small shared machine: give it room.
  test.setTimeout(420_000);
  const stamp = Date.now();
  const original = await simulator<Structure>(page.request, "/control/structure");
  const workplace = original.workplaces[1];
  if (!workplace) throw new Error("the simulator's structure needs two workplaces");
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
  const contexts: Page[] = [];
  try {
    // The admin connects the PBX (if no earlier test did) and picks up the new line.
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
    await page.waitForURL(/\/live$/);
    await connectAndSync(page);

    const tenantId = await db.tenantIdOf(E2E_ADMIN.email);
    const supervisor = { email: `sveta-${stamp}@pult.test`, name: `Svetlana Supervisor ${stamp}` };
    const manager = { email: `dima-${stamp}@pult.test`, name: `Dmitry Manager ${stamp}` };
    const outsider = { email: `admin-${stamp}@other.test`, name: "Other company admin" };
    await db.createUser({ tenantId, ...supervisor, role: "SUPERVISOR", password: PASSWORD });
    const managerId = await db.createUser({
      tenantId,
      ...manager,
      role: "MANAGER",
      password: PASSWORD,
    });
    await db.createClient({ tenantId, ...CLIENT, phone: CALLER, personalManagerId: managerId });
    const otherTenant = await db.createTenant(`Other company ${stamp}`);
    await db.createUser({ tenantId: otherTenant, ...outsider, role: "ADMIN", password: PASSWORD });

    const workplaces = new WorkplacesPage(page);
    await workplaces.goto();
    await workplaces.linkUser(workplace.name, manager.name);
    await expect(workplaces.userSelect(workplace.name)).not.toHaveValue("");

    // Three browsers: a supervisor on the board, the manager elsewhere, another company's admin.
    const supervisorPage = await signedIn(browser, supervisor.email, PASSWORD);
    const managerPage = await signedIn(browser, manager.email, PASSWORD);
    const outsiderPage = await signedIn(browser, outsider.email, PASSWORD);
    contexts.push(supervisorPage, managerPage, outsiderPage);
    const board = new LivePage(supervisorPage);
    await board.goto();
    const outsiderBoard = new LivePage(outsiderPage);
    await outsiderBoard.goto();
    await new CallsPage(managerPage).goto();
    const supervisorPopped = await watchScreenPops(supervisorPage);
    const outsiderPopped = await watchScreenPops(outsiderPage);

    const { callId } = await simulator<{ callId: string }>(page.request, "/control/calls", {
      from: CALLER,
      to: LINE.number,
    });
    const row = board.call(CALLER_DISPLAY);
    await expect(row).toHaveCount(1, { timeout: 15_000 });
    await expect(row.getByTestId("live-call-client")).toHaveText(CLIENT.name);
    await expect(row).toContainText(LINE.label);
    await expect(row.getByTestId("live-call-state")).toHaveText(`Ringing at ${workplace.name}`);

    // The manager's screen pops the client card on whatever page they are.
    const pop = managerPage.getByTestId("screen-pop");
    await expect(pop).toBeVisible();
    await expect(pop.getByTestId("screen-pop-caller")).toHaveText(CLIENT.name);
    await expect(pop.getByTestId("screen-pop-client")).toContainText(CLIENT.company);

    await simulator(page.request, `/control/calls/${encodeURIComponent(callId)}/answer`, {});
    await expect(row.getByTestId("live-call-state")).toHaveText(`Talking with ${manager.name}`, {
      timeout: 15_000,
    });
    await expect(pop).toBeHidden();
    // The supervisor's board has shown the call ringing and answered, so a pop sent to them
    // would have come by now: the supervisor is not at that workplace, and none ever showed.
    expect(await supervisorPopped(), "a screen pop on the supervisor's page").toBe(false);
    // Meanwhile the other company's board shows nothing of it.
    await expect(outsiderBoard.empty).toBeVisible();
    await expect(outsiderPage.getByTestId("live-call")).toHaveCount(0);
    expect(await outsiderPopped(), "a screen pop on the other company's page").toBe(false);

    await simulator(page.request, `/control/calls/${encodeURIComponent(callId)}/hangup`, {});
    await expect(row).toHaveCount(0, { timeout: 15_000 });

    // A second call nobody answers, to filter by result.
    const missed = await simulator<{ callId: string }>(page.request, "/control/calls", {
      from: CALLER,
      to: LINE.number,
    });
    await expect(row).toHaveCount(1, { timeout: 15_000 });
    await simulator(page.request, `/control/calls/${encodeURIComponent(missed.callId)}/hangup`, {});
    await expect(row).toHaveCount(0, { timeout: 15_000 });

    // History: both calls, newest first, the answered one with its talk time.
    const history = new CallsPage(supervisorPage);
    await history.goto();
    const mine = history.call(CLIENT.name);
    await expect(mine).toHaveCount(2);
    await expect(mine.nth(0).getByTestId("call-row-result")).toHaveText("Missed");
    await expect(mine.nth(1).getByTestId("call-row-result")).toHaveText("Answered");
    await expect(mine.nth(1)).toContainText(LINE.label);
    await expect(mine.nth(1)).toContainText(manager.name);
    const answeredId = await mine.nth(1).getAttribute("data-call-id");
    if (!answeredId) throw new Error("the history row has no call id");

    // Filtering by result narrows the list, and the filter is in the shareable URL.
    await history.filter("result").selectOption("MISSED");
    await expect(supervisorPage).toHaveURL(/result=MISSED/);
    await expect(mine).toHaveCount(1);
    await expect(mine.getByTestId("call-row-result")).toHaveText("Missed");
    await supervisorPage.reload();
    await expect(history.filter("result")).toHaveValue("MISSED");
    await expect(mine).toHaveCount(1);
    await history.filter("result").selectOption("ANSWERED");
    await expect(mine).toHaveCount(1);
    await expect(mine).toHaveAttribute("data-call-id", answeredId);
    // Bad input is explained, not sent.
    await history.search("q", "ab");
    await expect(history.filterError("q")).toHaveText("Enter digits only, e.g. 999 123.");
    await history.search("q", "000 33 44");
    await expect(history.filterError("q")).toHaveCount(0);
    await expect(mine).toHaveCount(1);
    await supervisorPage.screenshot({ path: "test-results/calls-history.png", fullPage: true });

    // The row is a link: open it from the keyboard.
    await mine.getByTestId("call-row-link").focus();
    await supervisorPage.keyboard.press("Enter");
    await supervisorPage.waitForURL(new RegExp(`/calls/${answeredId}$`));
    const detail = new CallDetailPage(supervisorPage);
    await expect(detail.title).toHaveText(`Incoming call · ${CLIENT.name}`);
    await expect(detail.result).toHaveText("Answered");
    await expect(detail.client.getByTestId("call-client-link")).toHaveAttribute(
      "href",
      /\/clients\/[0-9a-f-]{36}$/,
    );
    await expect
      .poll(() => detail.eventKinds())
      .toEqual(expect.arrayContaining(["started", "delivered", "answered", "ended"]));
    await expect(detail.events.filter({ hasText: "Delivered to workplace" })).toContainText(
      workplace.name,
    );
    await expect(detail.events.filter({ hasText: "Ended: answered" })).toHaveCount(1);
    await expect(detail.recordings).toBeVisible();
    await supervisorPage.screenshot({ path: "test-results/call-detail.png", fullPage: true });

    // The manager sees the call in their own history too.
    const managerHistory = new CallsPage(managerPage);
    await managerHistory.goto();
    await expect(managerHistory.call(CLIENT.name)).toHaveCount(2);

    // The other company: nothing in history, and the call's page does not exist for them.
    const outsiderHistory = new CallsPage(outsiderPage);
    await outsiderHistory.goto("?period=all");
    await expect(outsiderHistory.empty).toBeVisible();
    await expect(outsiderHistory.rows).toHaveCount(0);
    const outsiderDetail = new CallDetailPage(outsiderPage);
    await outsiderDetail.goto(answeredId);
    await expect(outsiderDetail.notFound).toBeVisible();
    await expect(outsiderPage.getByText(CLIENT.name)).toHaveCount(0);
  } finally {
    for (const other of contexts) await other.context().close();
    await db.close();
    await page.request.put(`${E2E_SIMULATOR.url}/control/structure`, { data: original });
  }
});
