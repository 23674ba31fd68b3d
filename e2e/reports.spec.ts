import { expect, test, type Browser, type Page } from "@playwright/test";
import type pg from "pg";
import { E2E_ADMIN } from "./fixtures";
import { ConsoleShell } from "./pages/console-shell";
import { parseCsv, ReportsPage } from "./pages/reports-page";
import { SignInPage } from "./pages/sign-in-page";
import { E2eDatabase } from "./support/e2e-database";

const PASSWORD = "e2e-password-12345";
// A fixed past day no other spec writes calls on (13:00–15:00 in Moscow).
const DAY = "2026-01-05";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(email, PASSWORD);
  await page.waitForURL(/\/live$/);
  return page;
}

test("a supervisor changes the period, drills into a manager's missed calls and exports CSV that matches the screen", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const db = await E2eDatabase.connect();
  const supervisor = { email: `reports-sup-${stamp}@pult.test`, name: "Report Supervisor" };
  const managerName = `Report Manager ${stamp}`;
  const manager = { email: `reports-mgr-${stamp}@pult.test`, name: managerName };
  try {
    const tenantId = await db.tenantIdOf(E2E_ADMIN.email);
    await db.createUser({ tenantId, ...supervisor, role: "SUPERVISOR", password: PASSWORD });
    const managerId = await db.createUser({
      tenantId,
      ...manager,
      role: "MANAGER",
      password: PASSWORD,
    });
    // Calls no screen can create for a past day: written straight into the e2e database.
    const raw = Reflect.get(db, "client") as pg.Client;
    await raw.query(
      `INSERT INTO calls (id, tenant_id, external_id, direction, from_number, to_number, state, result,
         started_at, answered_at, ended_at, talk_sec, manager_id, last_event_at, updated_at)
       SELECT gen_random_uuid(), $1, 'reports-e2e-' || $3 || '-' || i, 'IN', '+7999555000' || i,
         '+74950009999', 'ENDED', CASE WHEN i <= 3 THEN 'ANSWERED' ELSE 'MISSED' END::"CallResult",
         ($4 || 'T10:00:00Z')::timestamptz + i * interval '10 minutes',
         CASE WHEN i <= 3 THEN ($4 || 'T10:00:00Z')::timestamptz + i * interval '10 minutes' + interval '12 seconds' END,
         ($4 || 'T10:00:00Z')::timestamptz + i * interval '10 minutes' + interval '2 minutes',
         CASE WHEN i <= 3 THEN 100 ELSE 0 END, $2, now(), now()
       FROM generate_series(1, 5) i`,
      [tenantId, managerId, String(stamp), DAY],
    );
  } finally {
    await db.close();
  }

  const page = await signedIn(browser, supervisor.email);
  const reports = new ReportsPage(page);
  await reports.goto();
  await reports.choosePreset("yesterday");
  await reports.setCustomPeriod(DAY, DAY);
  await reports.pickManagers([managerName]);
  await expect(reports.kpi("incoming")).toHaveText("5", { timeout: 20_000 });
  await expect(reports.kpi("missed")).toHaveText("2");
  await expect(reports.kpi("answerRate")).toHaveText("60 %");
  await expect(page.getByTestId("filter-managers")).toHaveText(managerName);

  // A figure's definition is a tooltip tied to its tile (aria-describedby while shown): at once
  // when the tile gets keyboard focus, Escape hides it; after a short delay on mouse hover.
  const missedTile = page.getByTestId("kpi-missed");
  const tooltip = page.getByRole("tooltip");
  await page.getByTestId("kpi-answered").focus();
  await page.keyboard.press("Tab");
  await expect(missedTile).toBeFocused();
  await expect(tooltip).toContainText("Incoming calls that ended without an answer");
  await expect(missedTile).toHaveAttribute(
    "aria-describedby",
    (await tooltip.getAttribute("id")) ?? "",
  );
  await page.keyboard.press("Escape");
  await expect(tooltip).toBeHidden();
  // React Aria shows hover tooltips only to someone using the mouse: click first, then hover.
  await page.getByRole("heading", { level: 1 }).click();
  await page.getByTestId("kpi-incoming").hover();
  await expect(tooltip).toContainText("Incoming calls");
  await page.getByRole("heading", { level: 1 }).hover();
  await expect(tooltip).toBeHidden();

  // The filter is a keyboard-usable multi-select: cleared, then picked again without a mouse.
  await page.getByTestId("filter-managers-clear").click();
  await expect(page.getByTestId("filter-managers")).toHaveText("All managers");
  await reports.pickManagerByKeyboard(managerName);
  await expect(reports.kpi("incoming")).toHaveText("5", { timeout: 20_000 });

  // The heat map shows all 24 hours inside its card; the 23:00 column is not cut off.
  await expect(page.getByTestId("heat-hour")).toHaveCount(24);
  const card = await page.getByTestId("chart-heat").boundingBox();
  const lastHour = await page.getByTestId("heat-1-23").boundingBox();
  expect(lastHour && card && lastHour.x + lastHour.width <= card.x + card.width).toBe(true);

  await reports.drillInto(managerName, "missed");
  await expect(reports.drillRows).toHaveCount(2);
  await expect(reports.drill).toContainText("+7 999 555-00-05");
  const drillCsv = parseCsv(await reports.download("drill-export"));
  expect(drillCsv).toHaveLength(3);
  await page.keyboard.press("Escape");

  const summary = parseCsv(await reports.download("export-managers"));
  // Columns: manager, email, incoming, outgoing, answered, missed… (headers follow the locale).
  const total = summary.at(-1) ?? [];
  expect(total[2]).toBe(await reports.kpi("incoming").textContent());
  expect(total[4]).toBe(await reports.kpi("answered").textContent());
  expect(total[5]).toBe(await reports.kpi("missed").textContent());
  const calls = parseCsv(await reports.download("export-calls"));
  expect(calls.length - 1).toBe(5);

  // At 1440 px the per-manager table fits its card in both languages: no column is hidden.
  await page.setViewportSize({ width: 1440, height: 900 });
  expect(await reports.managersTableHiddenWidth()).toBe(0);
  await new ConsoleShell(page).switchLanguage("ru");
  await expect(page.getByTestId("managers-table")).toContainText("Менеджер");
  expect(await reports.managersTableHiddenWidth()).toBe(0);

  // A manager gets the forbidden state, not the figures.
  const managerPage = await signedIn(browser, manager.email);
  const asManager = new ReportsPage(managerPage);
  await asManager.goto();
  await expect(asManager.forbidden).toBeVisible();
});
