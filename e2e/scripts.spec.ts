import { expect, test } from "@playwright/test";
import { placeClips } from "../server/pbx-simulator/conversation";
import { renderPlanWav } from "../server/pbx-simulator/wav";
import { E2E_ADMIN } from "./fixtures";
import { createReviewableCall } from "./support/direct-data";
import { E2eDatabase } from "./support/e2e-database";
import { signedIn } from "./support/pbx";
import { transcribeWithSimulator } from "./support/speech";

const PASSWORD = "e2e-password-12345";
const AUDIO_SEC = 40;

// Script compliance end to end: a supervisor writes a scorecard and a three-step script linked
// to it; a call recorded from the simulator's Russian speech clips is transcribed through the
// simulator's speech endpoint (the real job), which checks it against the script: the step
// checklist with evidence that plays the recording from the moment it was said, and the linked
// criteria answered "auto" in the evaluation form; the reviewer overrides one; Reports → Quality
// counts the missed step and drills into the call.
// What is said, and when (speech/manifest.json): a greeting that names another company than the
// script's, the client's reply, and an offer at 0:20.
const CONVERSATION = placeClips([
  { clipId: "manager-greeting-2-female", startMs: 1_000 }, // «Добрый день, Горизонт, слушаю вас.»
  { clipId: "client-greeting-2-male", startMs: 4_500 }, // «Добрый день, нам нужна телефония…»
  { clipId: "manager-offer-2-female", startMs: 20_000 }, // «…подойдёт пакет Старт…»
]);
test("a supervisor writes a script, a transcribed call is checked, the reviewer overrides an auto answer", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const stamp = Date.now();
  const supervisor = {
    email: `scripts-sup-${stamp}@pult.test`,
    name: `Script Supervisor ${stamp}`,
  };
  const manager = { email: `scripts-mgr-${stamp}@pult.test`, name: `Script Manager ${stamp}` };
  const scorecard = `Script card ${stamp}`;
  const scriptName = `Incoming sales ${stamp}`;
  const db = await E2eDatabase.connect();
  let tenantId = "";
  let callId = "";
  try {
    tenantId = await db.tenantIdOf(E2E_ADMIN.email);
    await db.createUser({ tenantId, ...supervisor, role: "SUPERVISOR", password: PASSWORD });
    const managerId = await db.createUser({
      tenantId,
      ...manager,
      role: "MANAGER",
      password: PASSWORD,
    });
    callId = await createReviewableCall(
      tenantId,
      managerId,
      renderPlanWav(CONVERSATION, { durationMs: AUDIO_SEC * 1000, seed: stamp }),
      AUDIO_SEC,
      AUDIO_SEC,
    );
  } finally {
    await db.close();
  }
  await transcribeWithSimulator(browser);

  const sup = await signedIn(browser, supervisor.email, PASSWORD);
  await sup.setViewportSize({ width: 1440, height: 900 });
  try {
    // 1. A scorecard with three yes/no criteria.
    await sup.goto("/quality/scorecards/new");
    await sup.getByTestId("scorecard-name").fill(scorecard);
    const section = sup.getByTestId("section-editor").first();
    await section.getByTestId("section-title").fill("Script");
    await section.getByTestId("criterion-add").click();
    await section.getByTestId("criterion-add").click();
    const titles = ["Greets the client", "Names the company", "Offers to place the order"];
    for (const [i, title] of titles.entries())
      await section.getByTestId("criterion-title").nth(i).fill(title);
    await sup.getByTestId("scorecard-save").click();
    await sup.waitForURL(/\/quality\?tab=scorecards$/);

    // 2. The script: three steps, each answering one criterion.
    await sup.getByTestId("quality-tab-scripts").click();
    await expect(sup.getByTestId("scripts-empty")).toBeVisible();
    await sup.getByTestId("script-new").click();
    await sup.getByTestId("script-save").click();
    await expect(sup.getByTestId("script-invalid")).toBeVisible();
    await sup.getByTestId("script-name").fill(scriptName);
    await sup.getByTestId("script-scorecard").selectOption({ label: scorecard });
    await sup.getByTestId("script-direction-IN").check();
    await sup.getByTestId("step-add").click();
    await sup.getByTestId("step-add").click();
    const steps = sup.getByTestId("step-editor");
    const fill = async (
      i: number,
      step: { title: string; phrases: string; forbidden?: string; criterion: string },
    ) => {
      const editor = steps.nth(i);
      await editor.getByTestId("step-title").fill(step.title);
      await editor.getByTestId("step-phrases").fill(step.phrases);
      if (step.forbidden) await editor.getByTestId("step-forbidden").fill(step.forbidden);
      await editor.getByTestId("step-criterion").selectOption({ label: step.criterion });
    };
    await fill(0, {
      title: "Greeting",
      phrases: "Добрый день\nЗдравствуйте",
      criterion: titles[0]!,
    });
    await steps.nth(0).getByTestId("step-from").fill("0");
    await steps.nth(0).getByTestId("step-to").fill("15");
    await fill(1, { title: "Company name", phrases: "компания Ромашка", criterion: titles[1]! });
    await fill(2, {
      title: "Offer",
      phrases: "подойдёт пакет\nмогу предложить",
      forbidden: "не знаю",
      criterion: titles[2]!,
    });
    await sup.evaluate(() => window.scrollTo(0, 0));
    await sup.screenshot({ path: "test-results/script-editor.png" });
    await sup.getByTestId("script-save").click();
    await sup.waitForURL(/\/quality\?tab=scripts$/);
    await expect(sup.getByTestId("script-row").filter({ hasText: scriptName })).toContainText(
      "3 steps",
    );

    // 3. Before the transcript the call page says so.
    await sup.goto(`/calls/${callId}`);
    await expect(sup.getByTestId("call-script")).toHaveAttribute("data-state", "noTranscript");

    // The call is transcribed through the simulator's endpoint; the job then checks the script.
    const transcript = sup.getByTestId("transcript-panel");
    await expect(transcript).toHaveAttribute("data-status", "NOT_TRANSCRIBED");
    await transcript.getByTestId("transcript-retry").click();
    await expect(transcript).toHaveAttribute("data-status", "DONE", { timeout: 60_000 });
    await expect(sup.getByTestId("transcript-phrase").first()).toContainText("Горизонт");
    const checklist = sup.getByTestId("call-script");
    // The job checks right after the transcript is stored: reload until the page shows it. Each
    // try waits for the checklist to load (slow on a busy machine) before reading its state.
    await expect(async () => {
      await sup.reload();
      await expect(checklist).not.toHaveAttribute("data-state", "", { timeout: 20_000 });
      await expect(checklist).toHaveAttribute("data-state", "checked", { timeout: 1_000 });
    }).toPass({ timeout: 90_000 });
    const step = (id: string) => checklist.locator(`[data-testid="script-step"]`).nth(Number(id));
    await expect(step("0")).toHaveAttribute("data-status", "PASSED");
    await expect(step("1")).toHaveAttribute("data-status", "MISSED");
    await expect(step("2")).toHaveAttribute("data-status", "PASSED");
    await expect(step("2").getByTestId("step-evidence")).toContainText("подойдёт пакет");

    // The evidence plays the recording from where it was said.
    const waveform = sup.getByTestId("player-waveform");
    await expect(waveform).toBeVisible();
    await step("2").getByTestId("step-evidence").click();
    await expect
      .poll(async () => Number(await waveform.getAttribute("aria-valuenow")))
      .toBeGreaterThanOrEqual(19);

    // 4. The evaluation form comes with the three criteria answered "auto".
    await sup.getByTestId("evaluation-template").selectOption({ label: scorecard });
    await sup.getByTestId("evaluation-start").click();
    const form = sup.getByTestId("evaluation-form");
    await expect(form).toBeVisible({ timeout: 15_000 });
    await expect(form.getByTestId("answer-auto")).toHaveCount(3);
    // 2 of 3 equal criteria passed.
    await expect(form.getByTestId("live-score")).toHaveAttribute("data-score", "66.7");
    await sup.locator("#quality").screenshot({ path: "test-results/script-checklist.png" });

    // The reviewer heard the company named after all: the override counts.
    const named = form.getByTestId("criterion").nth(1);
    await named.getByText("Yes", { exact: true }).click();
    await expect(named.getByTestId("answer-overridden")).toContainText("changed from auto: No");
    await expect(form.getByTestId("live-score")).toHaveAttribute("data-score", "100");
    await form.getByTestId("evaluation-submit").click();
    await expect(sup.getByTestId("evaluation-saved")).toBeVisible();
    const card = sup.getByTestId("evaluation-card");
    await expect(card.getByTestId("evaluation-score")).toHaveText("100 %");
    await expect(card.getByTestId("answer-auto")).toHaveCount(2);
    await expect(card.getByTestId("answer-overridden")).toHaveCount(1);

    // A re-check leaves the submitted override alone.
    await checklist.getByTestId("script-recheck").click();
    await expect(step("1")).toHaveAttribute("data-status", "MISSED");
    await sup.reload();
    await expect(sup.getByTestId("evaluation-card").getByTestId("evaluation-score")).toHaveText(
      "100 %",
    );

    // 5. Reports → Quality: the missed step, drilled down to this call.
    await sup.goto("/reports?tab=quality");
    const compliance = sup.getByTestId("script-compliance-card").filter({ hasText: scriptName });
    await expect(compliance).toBeVisible({ timeout: 15_000 });
    const company = compliance.getByTestId("script-step-row").nth(1);
    await expect(company).toContainText("Company name");
    await expect(company).toContainText("0 %");
    await company.getByTestId("script-step-missed").click();
    const drill = sup.getByTestId("script-drill");
    await expect(drill.getByTestId("script-drill-row")).toHaveCount(1);
    await drill.getByRole("link").first().click();
    await sup.waitForURL(new RegExp(`/calls/${callId}`));
  } finally {
    await sup.context().close();
  }
});
