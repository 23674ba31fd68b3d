import { expect, test } from "@playwright/test";
import { E2E_ADMIN, E2E_SIMULATOR } from "./fixtures";
import { SignInPage } from "./pages/sign-in-page";
import { TasksPage } from "./pages/tasks-page";
import { WorkplacesPage } from "./pages/telephony-page";
import { connectAndSync, simulator } from "./support/pbx";

const CALLER = "+79990004455";
const CALLER_DISPLAY = "+7 999 000-44-55";
// Without parking the line rings its workplace at once: no routing decision involved.
const DIRECT_NUMBER = "+74950001177";

type Structure = {
  workplaces: Array<{ id: string; name: string }>;
  numbers: Array<
    { number: string; parking: boolean; workplaceIds: string[] } & Record<string, unknown>
  >;
} & Record<string, unknown>;
type SimCall = { callId: string; state: string; direction?: string; remoteNumber?: string | null };

test("a missed call becomes a task; 'Call back' rings the manager, then the client, and closes it", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const original = await simulator<Structure>(page.request, "/control/structure");
  const workplace = original.workplaces[0];
  if (!workplace) throw new Error("the simulator's structure needs a workplace");
  const put = await page.request.put(`${E2E_SIMULATOR.url}/control/structure`, {
    data: {
      ...original,
      numbers: [
        ...original.numbers.filter((n) => n.number !== DIRECT_NUMBER),
        {
          number: DIRECT_NUMBER,
          kind: "city",
          label: "E2E tasks line",
          parking: false,
          workplaceIds: [workplace.id],
        },
      ],
    },
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

    const tasks = new TasksPage(page);
    await tasks.goto();
    await expect(page.getByTestId("nav-tasks")).toHaveAttribute("aria-current", "page");

    // The admin's phone is busy (declined): the caller was missed.
    const { callId } = await simulator<{ callId: string }>(page.request, "/control/calls", {
      from: CALLER,
      to: DIRECT_NUMBER,
    });
    await expect
      .poll(async () => (await simulator<SimCall>(page.request, `/control/calls/${callId}`)).state)
      .toBe("ringing");
    await simulator(page.request, `/control/calls/${callId}/decline`, {});

    const row = tasks.task(CALLER_DISPLAY);
    await expect(row).toHaveCount(1, { timeout: 15_000 });
    await expect(row.getByTestId("task-missed")).toHaveText("1 missed call");
    // The navigation counts the user's open tasks, live.
    await expect(page.getByTestId("nav-tasks-count")).toHaveText("1");
    await page.screenshot({ path: "e2e/.artifacts/tasks-open.png", fullPage: true });

    await tasks.callBack(row).click();
    await expect(row.getByTestId("call-button-status")).toContainText("Your phone is ringing", {
      timeout: 15_000,
    });
    const outgoing = await expect
      .poll(async () => {
        const { calls } = await simulator<{ calls: SimCall[] }>(
          page.request,
          "/control/calls?active=1",
        );
        return calls.find((c) => c.direction === "outgoing")?.callId ?? null;
      })
      .not.toBeNull()
      .then(async () => {
        const { calls } = await simulator<{ calls: SimCall[] }>(
          page.request,
          "/control/calls?active=1",
        );
        return calls.find((c) => c.direction === "outgoing");
      });
    if (!outgoing) throw new Error("makeCall did not reach the simulator");
    // The manager picks up their phone; the simulator's client answers a few seconds later.
    await simulator(page.request, `/control/calls/${outgoing.callId}/answer`, {
      workplaceId: workplace.id,
    });
    await expect
      .poll(
        async () =>
          (await simulator<SimCall>(page.request, `/control/calls/${outgoing.callId}`)).state,
        {
          timeout: 15_000,
        },
      )
      .toBe("talking");

    await expect(row).toHaveCount(0, { timeout: 15_000 });
    await expect(page.getByTestId("nav-tasks-count")).toHaveCount(0);
    await tasks.status.selectOption("DONE");
    const done = tasks.task(CALLER_DISPLAY);
    await expect(done.getByTestId("task-result")).toContainText("Called back in");
    await simulator(page.request, `/control/calls/${outgoing.callId}/hangup`, {});
  } finally {
    await page.request.put(`${E2E_SIMULATOR.url}/control/structure`, { data: original });
  }
});
