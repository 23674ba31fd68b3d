import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_ADMIN } from "./fixtures";
import { LivePage } from "./pages/live-page";
import { RoutingPage } from "./pages/routing-page";
import { SignInPage } from "./pages/sign-in-page";
import { connectAndSync, simulator } from "./support/pbx";

// The simulator's sales line parks incoming calls for Pult to decide.
const PARKED_NUMBER = "+74951234567";
const CALLER = "+79990003344";
const CALLER_DISPLAY = "+7 999 000-33-44";

type SimCall = { decision: { method: string; target?: { number?: string } } | null };

async function decisionOf(request: APIRequestContext, callId: string) {
  let record: SimCall = { decision: null };
  await expect
    .poll(
      async () => {
        record = await simulator<SimCall>(request, `/control/calls/${encodeURIComponent(callId)}`);
        return record.decision?.method ?? null;
      },
      { timeout: 10_000 },
    )
    .not.toBeNull();
  return record.decision;
}

test("a supervisor edits a routing rule and the next parked call follows it", async ({ page }) => {
  test.setTimeout(120_000);
  const name = `E2E front desk ${Date.now().toString(36)}`;
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
  await page.waitForURL(/\/live$/);
  await connectAndSync(page);

  const routing = new RoutingPage(page);
  await routing.goto();
  // The company starts with the default rule.
  await expect(routing.rules.first()).toBeVisible();

  // A new rule for the parked line: bad input is refused with a readable message.
  await routing.add.click();
  await expect(routing.editor).toBeVisible();
  await routing.fillRule({ name, number: "12345", dialed: PARKED_NUMBER });
  await routing.save();
  await expect(routing.editor.getByText("Enter a number in international format")).toBeVisible();
  await expect(routing.editor.getByTestId("rule-action-number")).toBeFocused();
  await routing.editor.getByTestId("rule-action-number").fill("+79990001111");
  // No fallbacks: remove the default "standard route" one.
  await routing.editor.getByRole("button", { name: "Remove fallback 1" }).click();
  await routing.save();
  await expect(routing.editor).toBeHidden();
  await expect(routing.notice).toContainText(`Rule “${name}” saved.`);

  // Move it to the top with the keyboard-accessible buttons.
  const rule = routing.rule(name);
  await expect(rule).toBeVisible();
  const indexOf = () =>
    routing.rules.evaluateAll(
      (els, wanted) => els.findIndex((e) => e.getAttribute("data-rule-name") === wanted),
      name,
    );
  for (let index = await indexOf(); index > 0; index--) {
    await rule.getByTestId("routing-rule-up").click();
    await expect.poll(indexOf).toBe(index - 1);
  }
  await expect(rule.getByTestId("routing-rule-up")).toBeDisabled();

  // Edit it: a different external number.
  await rule.getByTestId("routing-rule-edit").click();
  await expect(routing.editor.getByTestId("rule-name")).toHaveValue(name);
  await routing.editor.getByTestId("rule-action-number").fill("+79990002222");
  await routing.save();
  await expect(routing.editor).toBeHidden();
  // Numbers read as people write them, not as stored.
  await expect(rule.getByTestId("routing-rule-action")).toContainText("+7 999 000-22-22");

  // The test panel names the rule and the step-by-step trace.
  const result = await routing.runTest(CALLER, PARKED_NUMBER);
  await expect(result.getByTestId("routing-test-rule")).toHaveText(`Matched rule: ${name}`);
  await expect(result.getByTestId("routing-test-outcome")).toHaveText(
    "Transfer to +7 999 000-22-22",
  );
  await page.screenshot({ path: "test-results/routing-page.png", fullPage: true });

  try {
    // The next call through the PBX follows the edited rule.
    const { callId } = await simulator<{ callId: string }>(page.request, "/control/calls", {
      from: CALLER,
      to: PARKED_NUMBER,
    });
    expect(await decisionOf(page.request, callId)).toEqual({
      method: "transferCall",
      target: { number: "+79990002222" },
    });
    const live = new LivePage(page);
    await live.goto();
    const row = live.call(CALLER_DISPLAY);
    await expect(row.getByTestId("live-call-routing")).toContainText(
      `rule “${name}” → external number +7 999 000-22-22`,
    );
    await simulator(page.request, `/control/calls/${encodeURIComponent(callId)}/hangup`, {});

    // Disabled, it is skipped: the same caller (unknown) is released to the standard route.
    await routing.goto();
    await routing.rule(name).getByTestId("routing-rule-toggle").click();
    await expect(routing.rule(name).getByTestId("routing-rule-toggle")).not.toBeChecked();
    await expect(routing.rule(name).getByTestId("routing-rule-state")).toHaveText("Disabled");
    const second = await simulator<{ callId: string }>(page.request, "/control/calls", {
      from: CALLER,
      to: PARKED_NUMBER,
    });
    // Released in time, not left to time out: the PBX takes its standard route.
    expect(await decisionOf(page.request, second.callId)).toEqual({ method: "terminateCall" });
    await simulator(page.request, `/control/calls/${encodeURIComponent(second.callId)}/hangup`, {});
  } finally {
    await routing.goto();
    await routing.rule(name).getByTestId("routing-rule-delete").click();
    await page.getByTestId("routing-delete-confirm").click();
    await expect(routing.rule(name)).toHaveCount(0);
  }
});
