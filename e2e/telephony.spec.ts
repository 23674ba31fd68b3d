import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN, E2E_SIMULATOR } from "./fixtures";
import { SignInPage } from "./pages/sign-in-page";
import { TelephonyPage, WorkplacesPage } from "./pages/telephony-page";
import { UsersSettingsPage } from "./pages/users-settings-page";

// What an admin copies from the (simulated) MTT cabinet. The simulator listens on its own
// origin, so its addresses go under "Advanced"; the server announces it as localhost and only
// labels a connection to exactly that address as the demo simulator.
const SIMULATOR_ORIGIN = `http://localhost:${E2E_SIMULATOR.port}`;
const simulator = {
  clientId: E2E_SIMULATOR.clientId,
  clientSecret: E2E_SIMULATOR.clientSecret,
  apiUrl: `${SIMULATOR_ORIGIN}/vats/v1`,
  oauthUrl: SIMULATOR_ORIGIN,
};

type SimulatorStructure = {
  workplaces: Array<{ id: string; name: string; terminals: unknown[] }>;
  numbers: Array<{ number: string; parking: boolean; workplaceIds: string[] }>;
};

async function signInAsAdmin(page: Page): Promise<void> {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL(/\/live$/);
}

test("a wrong client secret is reported by MTT and leaves the PBX disconnected", async ({
  page,
}) => {
  await signInAsAdmin(page);
  const telephony = new TelephonyPage(page);
  await telephony.goto();
  await telephony.disconnectIfConnected();
  await expect(telephony.connect).toBeVisible();

  await telephony.saveCredentials({ ...simulator, clientSecret: "not-the-right-secret" });
  await telephony.connectAndSignIn(E2E_SIMULATOR.login, E2E_SIMULATOR.password, SIMULATOR_ORIGIN);

  // Back in Pult: a translated explanation, MTT's own words in small print, still not connected.
  await expect(telephony.errorBanner).toBeVisible();
  await expect(page.getByTestId("connect-result-message")).toHaveText(
    "MTT rejected the client ID or secret. Copy them again from the integration in the MTT cabinet, save and connect.",
  );
  await expect(page.getByTestId("connect-result-detail")).toContainText("Details:");
  await expect(telephony.status).toHaveText("Not connected");
  await expect(page.getByTestId("health-error")).toBeVisible();
  // The one-time result is dropped from the address bar, and a reload doesn't repeat it.
  await expect(page).toHaveURL(/\/settings\/telephony$/);
  await page.getByTestId("connect-result-error-dismiss").click();
  await expect(telephony.errorBanner).toBeHidden();
  await page.reload();
  await expect(telephony.status).toHaveText("Not connected");
  await expect(telephony.errorBanner).toHaveCount(0);
});

test("an admin connects the PBX simulator, syncs it and links a user to a workplace", async ({
  page,
}) => {
  const response = await page.request.get(`${E2E_SIMULATOR.url}/control/structure`);
  expect(response.ok()).toBe(true);
  const structure = (await response.json()) as SimulatorStructure;
  const [first, second] = structure.workplaces;
  if (!first || !second) throw new Error("the simulator's structure needs two workplaces");

  await signInAsAdmin(page);
  await page.getByTestId("nav-settings").click();
  await page.getByTestId("settings-tab-telephony").click();
  const telephony = new TelephonyPage(page);
  await expect(telephony.status).toBeVisible();
  await telephony.disconnectIfConnected();
  await expect(telephony.redirectUri).toHaveValue(/^http:\/\/localhost:\d+\/api\/mtt\/[\w-]+$/);

  await telephony.saveCredentials(simulator);
  await telephony.connectAndSignIn(E2E_SIMULATOR.login, E2E_SIMULATOR.password, SIMULATOR_ORIGIN);
  await expect(telephony.successBanner).toBeVisible();
  await expect(page).toHaveURL(/\/settings\/telephony$/);
  await expect(telephony.status).toHaveText("Connected");
  await expect(page.getByTestId("telephony-simulator")).toBeVisible();
  await expect(page.getByTestId("health-access")).toContainText(/in \d+ (minutes|hours?)/);

  // The sync started by connecting finishes; a manual one reports what it found.
  await expect(telephony.sync).toBeEnabled({ timeout: 30_000 });
  await telephony.sync.click();
  await expect(telephony.syncResult).toContainText(
    `Synced ${structure.workplaces.length} workplaces`,
    { timeout: 30_000 },
  );
  await expect(page.getByTestId("health-sync")).not.toContainText("None yet");

  // The mirrored structure, and linking the admin to a workplace.
  await page.getByTestId("settings-tab-workplaces").click();
  const workplaces = new WorkplacesPage(page);
  await expect(workplaces.table).toBeVisible();
  await expect(workplaces.row(first.name)).toBeVisible();
  await expect(workplaces.row(first.name).getByTestId("terminal-chip")).toHaveCount(
    first.terminals.length,
  );
  await expect(page.getByTestId("number-row")).toHaveCount(structure.numbers.length);

  await workplaces.linkUser(first.name, "Administrator");
  await expect(page.getByTestId("workplaces-notice-success")).toHaveText(
    `Administrator is linked to ${first.name}.`,
  );
  await expect(workplaces.userSelect(first.name)).not.toHaveValue("");

  // Linking the same person elsewhere moves them: one workplace per user.
  await expect(workplaces.userOption(second.name, "Administrator")).toHaveText(
    `Administrator (now at ${first.name})`,
  );
  await workplaces.linkUser(second.name, "Administrator");
  await expect(page.getByTestId("workplaces-notice-success")).toHaveText(
    `Administrator is linked to ${second.name}.`,
  );
  await expect(workplaces.userSelect(first.name)).toHaveValue("");

  const users = new UsersSettingsPage(page);
  await users.goto();
  await expect(users.row(E2E_ADMIN.email)).toContainText(second.name);

  // A workplace deleted in the MTT cabinet is archived, not lost, and hidden until asked for.
  const last = structure.workplaces.at(-1);
  if (!last || last.id === second.id) throw new Error("the structure needs a third workplace");
  const reduced = { ...structure, workplaces: structure.workplaces.filter((w) => w !== last) };
  const put = await page.request.put(`${E2E_SIMULATOR.url}/control/structure`, { data: reduced });
  expect(put.ok()).toBe(true);
  try {
    const telephony = new TelephonyPage(page);
    await telephony.goto();
    await expect(telephony.sync).toBeEnabled({ timeout: 30_000 });
    await telephony.sync.click();
    await expect(telephony.syncResult).toContainText(
      `Synced ${reduced.workplaces.length} workplaces`,
      { timeout: 30_000 },
    );
    await workplaces.goto();
    await expect(workplaces.row(last.name)).toHaveCount(0);
    await page.getByTestId("show-archived").check();
    await expect(workplaces.row(last.name).getByTestId("workplace-archived")).toHaveText(
      "Archived",
    );
  } finally {
    await page.request.put(`${E2E_SIMULATOR.url}/control/structure`, { data: structure });
  }
});
