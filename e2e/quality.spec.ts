import { expect, test, type Page } from "@playwright/test";
import { renderConversationWav } from "../server/pbx-simulator/wav";
import { E2E_ADMIN } from "./fixtures";
import { createReviewableCall } from "./support/direct-data";
import { E2eDatabase } from "./support/e2e-database";
import { signedIn } from "./support/pbx";

const PASSWORD = "e2e-password-12345";
const AUDIO_SEC = 20;

// Quality review end to end: a supervisor builds a scorecard and a sampling rule, takes the next
// call from the queue, pins a comment on the recording and submits; the manager disputes a
// criterion; the supervisor resolves it; the Quality tab of the reports shows the score.
test("a supervisor evaluates a call from the queue, the manager disputes, the supervisor resolves, the report shows it", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const supervisor = {
    email: `quality-sup-${stamp}@pult.test`,
    name: `Quality Supervisor ${stamp}`,
  };
  const manager = { email: `quality-mgr-${stamp}@pult.test`, name: `Quality Manager ${stamp}` };
  const scorecard = `Sales call ${stamp}`;
  const db = await E2eDatabase.connect();
  let callId = "";
  try {
    const tenantId = await db.tenantIdOf(E2E_ADMIN.email);
    await db.createUser({ tenantId, ...supervisor, role: "SUPERVISOR", password: PASSWORD });
    const managerId = await db.createUser({
      tenantId,
      ...manager,
      role: "MANAGER",
      password: PASSWORD,
    });
    // Two hours long: the rule below (calls over 100 minutes) picks these two calls and no other.
    callId = await createReviewableCall(
      tenantId,
      managerId,
      renderConversationWav(AUDIO_SEC, stamp),
      AUDIO_SEC,
      7200,
    );
    // A second long call, which the supervisor skips (it was a test call).
    const audio = renderConversationWav(AUDIO_SEC, stamp + 1);
    await createReviewableCall(tenantId, managerId, audio, AUDIO_SEC, 7200, "+79990004466");
  } finally {
    await db.close();
  }

  const sup = await signedIn(browser, supervisor.email, PASSWORD);
  let mgr: Page | undefined;
  try {
    // 1. The scorecard: two sections, a critical yes/no criterion and a 1–5 scale.
    await sup.goto("/quality?tab=scorecards");
    await sup.getByTestId("scorecard-new").click();
    await sup.getByTestId("scorecard-save").click();
    await expect(sup.getByTestId("scorecard-invalid")).toBeVisible();
    await sup.getByTestId("scorecard-name").fill(scorecard);
    const firstSection = sup.getByTestId("section-editor").first();
    await firstSection.getByTestId("section-title").fill("Opening");
    await firstSection.getByTestId("criterion-title").fill("Greets and names the company");
    await firstSection.getByTestId("criterion-weight").fill("40");
    await firstSection.getByTestId("criterion-critical").check();
    await sup.getByTestId("section-add").click();
    const offerSection = sup.getByTestId("section-editor").nth(1);
    await offerSection.getByTestId("section-title").fill("Offer");
    await offerSection.getByTestId("criterion-title").fill("Makes a clear offer");
    await offerSection.getByTestId("criterion-kind").selectOption("scale");
    await offerSection.getByTestId("criterion-weight").fill("60");
    await expect(offerSection.getByTestId("criterion-share")).toHaveText(/60 %/);
    await sup.getByTestId("scorecard-save").click();
    await sup.waitForURL(/\/quality\?tab=scorecards$/);
    await expect(sup.getByTestId("scorecard-row").filter({ hasText: scorecard })).toBeVisible();

    // 2. A sampling rule: every call longer than 100 minutes, reviewed by this supervisor.
    await sup.getByTestId("quality-tab-rules").click();
    await sup.getByTestId("rule-new").click();
    const dialog = sup.getByTestId("rule-dialog");
    await dialog.getByTestId("rule-name").fill(`Long calls ${stamp}`);
    await dialog.getByTestId("rule-kind").selectOption("LONGER_THAN");
    await dialog.getByTestId("rule-threshold").fill("100");
    await dialog.getByTestId("rule-template").selectOption({ label: scorecard });
    await dialog.getByText(supervisor.name).click();
    await dialog.getByTestId("rule-save").click();
    await expect(dialog).toBeHidden();
    await sup.getByTestId("rules-run").click();
    await expect(sup.getByTestId("rules-run-result")).toContainText("2");

    // 3. The test call is skipped with a reason; the next call opens with the form beside the player.
    await sup.getByTestId("quality-tab-queue").click();
    await expect(sup.getByTestId("queue-row")).toHaveCount(2);
    await sup
      .getByTestId("queue-row")
      .filter({ hasText: "000-44-66" })
      .getByTestId("queue-skip")
      .click();
    const skip = sup.getByTestId("skip-dialog");
    await skip.getByTestId("skip-other").check();
    await skip.getByTestId("skip-submit").click();
    await expect(skip).toContainText("Describe the reason.");
    await skip.getByTestId("skip-note").fill("Test call by the team");
    await skip.getByTestId("skip-submit").click();
    await expect(skip).toBeHidden();
    await expect(sup.getByTestId("queue-row")).toHaveCount(1);
    await sup.getByTestId("next-review").click();
    await sup.waitForURL(new RegExp(`/calls/${callId}\\?review=`));
    await expect(sup.getByTestId("review-banner")).toBeVisible();
    const form = sup.getByTestId("evaluation-form");
    await expect(form).toBeVisible({ timeout: 15_000 });
    const waveform = sup.getByTestId("player-waveform");
    await expect(waveform).toBeVisible();

    // Sending with nothing answered says what is missing and loses nothing.
    await form.getByTestId("evaluation-submit").click();
    await expect(form.getByTestId("evaluation-missing")).toBeVisible();
    const criteria = form.getByTestId("criterion");
    await criteria.nth(0).getByText("No", { exact: true }).click();
    await criteria.nth(1).getByText("4", { exact: true }).click();
    // 40·0 + 60·0.75 = 45 %, and the critical "no" fails it.
    await expect(form.getByTestId("live-score")).toHaveAttribute("data-score", "45");
    await expect(form.getByTestId("live-score")).toContainText("Critical criterion failed");

    // A comment pinned at the middle of the recording shows as a mark on the waveform.
    const box = await waveform.boundingBox();
    if (!box) throw new Error("no waveform");
    await sup.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect
      .poll(async () => Number(await waveform.getAttribute("aria-valuenow")))
      .toBeGreaterThanOrEqual(AUDIO_SEC / 2 - 1);
    await form.getByTestId("comment-text").fill("Did not name the company here");
    await form.getByTestId("comment-pin").click();
    await expect(form.getByTestId("draft-comment")).toHaveCount(1);
    await expect(sup.getByTestId("player-mark")).toHaveCount(1);
    await form.getByTestId("evaluation-summary").fill("Good offer, missed the greeting.");
    await sup.screenshot({ path: "test-results/quality-evaluation.png", fullPage: true });
    await form.getByTestId("evaluation-submit").click();
    await expect(sup.getByTestId("evaluation-saved")).toBeVisible();
    const card = sup.getByTestId("evaluation-card");
    await expect(card.getByTestId("evaluation-score")).toHaveText("45 %");
    await expect(card.getByTestId("evaluation-status")).toHaveText("Awaiting manager");

    // A click on the saved comment seeks the player back to it.
    await waveform.focus();
    await sup.keyboard.press("Home");
    await expect
      .poll(async () => Number(await waveform.getAttribute("aria-valuenow")))
      .toBeLessThan(2);
    await card.getByTestId("comment-seek").click();
    await expect
      .poll(async () => Number(await waveform.getAttribute("aria-valuenow")))
      .toBeGreaterThanOrEqual(AUDIO_SEC / 2 - 1);

    // 4. The manager sees it among their evaluations and disputes the greeting.
    mgr = await signedIn(browser, manager.email, PASSWORD);
    await mgr.goto("/quality");
    const row = mgr.getByTestId("evaluation-row");
    await expect(row).toHaveCount(1);
    await row.getByTestId("evaluation-open").click();
    await mgr.waitForURL(new RegExp(`/calls/${callId}`));
    const mine = mgr.getByTestId("evaluation-card");
    await expect(mine.getByTestId("evaluation-score")).toHaveText("45 %");
    await mine.locator('[data-testid^="dispute-c-"]').first().click();
    const disputeDialog = mgr.getByTestId("dispute-dialog");
    await disputeDialog.getByTestId("dispute-submit").click();
    await expect(disputeDialog).toContainText("Explain why you disagree.");
    await disputeDialog
      .getByTestId("dispute-comment")
      .fill("I greeted and named the company at 0:02.");
    await disputeDialog.getByTestId("dispute-submit").click();
    await expect(disputeDialog).toBeHidden();
    await expect(mine.getByTestId("evaluation-status")).toHaveText("Disputed");

    // 5. The supervisor accepts the dispute: the answer and the score are corrected.
    await sup.reload();
    const reviewed = sup.getByTestId("evaluation-card");
    await expect(reviewed.getByTestId("evaluation-status")).toHaveText("Disputed");
    await reviewed.locator('[data-testid^="resolve-c-"]').first().click();
    const resolve = sup.getByTestId("resolve-dialog");
    await expect(resolve).toContainText("I greeted and named the company at 0:02.");
    await resolve.getByTestId("resolve-ACCEPTED").check();
    await resolve.getByText("Yes", { exact: true }).click();
    await resolve.getByTestId("resolve-resolution").fill("Confirmed on the recording.");
    await resolve.getByTestId("resolve-submit").click();
    await expect(resolve).toBeHidden();
    // 40·1 + 60·0.75 = 85 %.
    await expect(reviewed.getByTestId("evaluation-score")).toHaveText("85 %");
    await expect(reviewed.getByTestId("evaluation-status")).toHaveText("Dispute resolved");
    await mgr.reload();
    await expect(mgr.getByTestId("evaluation-card").getByTestId("dispute")).toContainText(
      "Confirmed on the recording.",
    );

    // The skipped call is listed with its reason.
    await sup.goto("/quality?tab=queue");
    await sup.getByLabel("Status").selectOption("SKIPPED");
    await expect(sup.getByTestId("queue-skip-reason")).toHaveText("Other: Test call by the team");

    // 6. Reports → Quality shows the manager's score and the resolved dispute.
    await sup.goto("/reports?tab=quality");
    const managerRow = sup.getByTestId("quality-manager-row").filter({ hasText: manager.name });
    await expect(managerRow).toBeVisible({ timeout: 15_000 });
    await expect(managerRow.getByTestId("quality-manager-score")).toHaveText("85 %");
    await expect(sup.getByTestId("quality-criteria")).toContainText("Greets and names the company");
    await sup.screenshot({ path: "test-results/quality-report.png", fullPage: true });
    await managerRow.getByRole("button").first().click();
    await expect(sup.getByTestId("quality-drill-row")).toHaveCount(1);
  } finally {
    await mgr?.context().close();
    await sup.context().close();
  }
});
