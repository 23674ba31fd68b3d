// Script compliance against a real database: scripts and their versions, checks stored from a
// finished transcript, scorecard criteria answered "auto", an override that wins, survives a
// re-check and is audited, the compliance report with its drill-down and the /api/v1 figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SaveScriptInput } from "@/lib/scripts/schemas";
import { addDays, formatLocalDate, parseLocalDate } from "@/lib/zoned-time";
import { getApiQualityReport } from "@/server/api-v1/quality";
import { getDb } from "@/server/db";
import type { Actor } from "@/server/policy/actor";
import { getEvaluation } from "@/server/quality/evaluation-view";
import { submitEvaluation } from "@/server/quality/evaluations";
import { saveScorecard } from "@/server/quality/scorecards";
import { card, makeCall, makePerson } from "@/server/quality/test-support";
import { getReportScope } from "@/server/reports/queries";
import { getCallScripts } from "@/server/scripts/call-view";
import { checkScriptsForCall, recheckCall } from "@/server/scripts/checks";
import { buildScriptCompliance, drillScriptStep } from "@/server/scripts/report";
import { getScript, saveScript } from "@/server/scripts/scripts";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { writeDoneTranscript, type FixtureSegment } from "@/server/testing/transcript-fixture";

let fixture: TenantFixture;
let sup: Actor;
let maria: Actor;
let oleg: Actor;
let templateId: string;
let versionId: string;
let scriptId: string;

const script = (name: string, tplId: string | null): SaveScriptInput => ({
  name,
  directions: ["IN"],
  numbers: ["+74950000001"],
  templateId: tplId,
  content: {
    steps: [
      {
        id: "hello",
        title: "Greeting",
        phrases: ["здравствуйте", "добрый день"],
        fromSec: 0,
        toSec: 15,
        isOrdered: true,
        criterionId: tplId ? "greet" : null,
      },
      {
        id: "company",
        title: "Company name",
        phrases: ["компания ромашка"],
        isOrdered: true,
        criterionId: tplId ? "name" : null,
      },
      {
        id: "order",
        title: "Order",
        phrases: ["оформить заказ"],
        forbidden: ["не знаю"],
        criterionId: tplId ? "offer" : null,
      },
    ],
  },
});

const talk: FixtureSegment[] = [
  { party: "MANAGER", startMs: 1_000, endMs: 3_000, text: "Добрый день!" },
  { party: "CLIENT", startMs: 3_500, endMs: 6_000, text: "Здравствуйте, я по поводу заказа." },
  { party: "MANAGER", startMs: 40_000, endMs: 44_000, text: "Давайте оформим заказы сразу." },
];

const today = () =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Moscow" }).format(new Date());
// The test calls started an hour ago: the period takes in yesterday too, in case that was.
const yesterday = () => formatLocalDate(addDays(parseLocalDate(today())!, -1));

beforeAll(async () => {
  fixture = await setUpTenant();
  sup = await makePerson(fixture.tenantId, "SUPERVISOR", "Sveta Supervisor");
  maria = await makePerson(fixture.tenantId, "MANAGER", "Maria Manager");
  oleg = await makePerson(fixture.tenantId, "MANAGER", "Oleg Manager");
  const saved = await saveScorecard(sup, card("Sales"));
  templateId = saved.templateId;
  versionId = saved.versionId;
  scriptId = (await saveScript(sup, script("Incoming sales", templateId))).scriptId;
});

afterAll(async () => {
  await fixture?.teardown();
});

const audits = (targetId: string) =>
  getDb().auditLog.findMany({
    where: { tenantId: fixture.tenantId, targetId },
    orderBy: { createdAt: "asc" },
    select: { action: true, actorUserId: true, data: true },
  });

describe("scripts", () => {
  it("versions a script and refuses links to criteria the scorecard lacks", async () => {
    const first = await saveScript(sup, script("Versioned", templateId));
    const same = await saveScript(sup, {
      ...script("Versioned", templateId),
      scriptId: first.scriptId,
    });
    expect(same).toMatchObject({ version: 1, isNewVersion: false });
    const edited = script("Versioned", templateId);
    edited.content.steps[0]!.phrases = ["алло"];
    const second = await saveScript(sup, { ...edited, scriptId: first.scriptId });
    expect(second).toMatchObject({ version: 2, isNewVersion: true });
    expect((await getScript(sup, first.scriptId)).latest.content.steps[0]?.phrases).toEqual([
      "алло",
    ]);
    const bad = script("Bad link", templateId);
    bad.content.steps[0]!.criterionId = "nope";
    await expect(saveScript(sup, bad)).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(saveScript(sup, script("Versioned", templateId))).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await audits(first.scriptId)).map((a) => a.action)).toEqual([
      "quality.script.create",
      "quality.script.update",
      "quality.script.update",
    ]);
    // Only one script applies to the calls below.
    await saveScript(sup, { ...edited, scriptId: first.scriptId, isEnabled: false });
  });
});

describe("checks", () => {
  it("says when there is no transcript yet, or no script applies", async () => {
    const callId = await makeCall(fixture.tenantId, maria.userId);
    expect(await checkScriptsForCall(fixture.tenantId, callId)).toEqual({
      status: "noTranscript",
    });
    expect((await getCallScripts(sup, callId)).state).toBe("noTranscript");
    const outgoing = await makeCall(fixture.tenantId, maria.userId);
    await getDb().call.update({ where: { id: outgoing }, data: { direction: "OUT" } });
    await writeDoneTranscript(fixture.tenantId, outgoing, talk);
    expect(await checkScriptsForCall(fixture.tenantId, outgoing)).toEqual({ status: "noScript" });
    expect((await getCallScripts(sup, outgoing)).state).toBe("noScript");
  });

  it("stores each step with its evidence and answers the linked criteria", async () => {
    const callId = await makeCall(fixture.tenantId, maria.userId);
    await writeDoneTranscript(fixture.tenantId, callId, talk);
    expect(await checkScriptsForCall(fixture.tenantId, callId)).toEqual({
      status: "checked",
      checks: 1,
    });
    const view = await getCallScripts(sup, callId);
    expect(view.state).toBe("checked");
    const steps = view.checks[0]!.steps;
    expect(steps.map((s) => [s.stepId, s.status, s.reason])).toEqual([
      ["hello", "PASSED", "found"],
      ["company", "MISSED", "notFound"],
      ["order", "PASSED", "found"],
    ]);
    expect(steps[0]?.evidence[0]).toMatchObject({
      phrase: "добрый день",
      text: "Добрый день",
      party: "MANAGER",
      startMs: 1_000,
    });
    expect(steps[2]?.evidence[0]).toMatchObject({ text: "оформим заказы", startMs: 41_000 });
    expect(view.autoAnswers.map((a) => [a.criterionId, a.value]).sort()).toEqual([
      ["greet", "yes"],
      ["name", "no"],
      ["offer", "5"],
    ]);
    // A manager reads the checks of their own call, without the reviewers' auto answers.
    expect((await getCallScripts(maria, callId)).autoAnswers).toEqual([]);
    await expect(getCallScripts(oleg, callId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("marks a forbidden phrase as a violation", async () => {
    const callId = await makeCall(fixture.tenantId, oleg.userId);
    await writeDoneTranscript(fixture.tenantId, callId, [
      ...talk,
      { party: "MANAGER", startMs: 50_000, endMs: 52_000, text: "Ну не знаю." },
    ]);
    await checkScriptsForCall(fixture.tenantId, callId);
    const order = (await getCallScripts(sup, callId)).checks[0]?.steps[2];
    expect(order).toMatchObject({ status: "VIOLATED", reason: "forbidden" });
    expect(order?.evidence[0]).toMatchObject({ isForbidden: true, text: "не знаю" });
  });

  it("lets an override win, keeps it through a re-check, and audits both", async () => {
    const callId = await makeCall(fixture.tenantId, maria.userId);
    await writeDoneTranscript(fixture.tenantId, callId, talk);
    await checkScriptsForCall(fixture.tenantId, callId);
    // The reviewer keeps "greet" and "offer" as the check answered them and overrides "name".
    const evaluation = await submitEvaluation(sup, {
      callId,
      versionId,
      answers: { greet: "yes", name: "yes", offer: "5" },
    });
    expect(evaluation.score).toBe(100);
    const stored = await getEvaluation(sup, evaluation.id);
    expect(stored.answers.map((a) => [a.criterionId, a.value, a.autoValue]).sort()).toEqual([
      ["greet", "yes", "yes"],
      ["name", "yes", "no"],
      ["offer", "5", "5"],
    ]);
    const trail = await audits(evaluation.id);
    expect(trail.map((a) => a.action)).toEqual([
      "quality.evaluation.submit",
      "quality.answer.override",
    ]);
    expect(trail[1]).toMatchObject({
      actorUserId: sup.userId,
      data: { criterionId: "name", autoValue: "no", value: "yes" },
    });

    expect(await recheckCall(sup, callId)).toEqual({ status: "checked", checks: 1 });
    const after = await getEvaluation(sup, evaluation.id);
    expect(after.score).toBe(100);
    expect(after.answers.find((a) => a.criterionId === "name")?.value).toBe("yes");
    expect((await audits(callId)).map((a) => a.action)).toEqual(["quality.script.recheck"]);
  });

  it("keeps the version a check was made against until the call is checked again", async () => {
    const callId = await makeCall(fixture.tenantId, maria.userId);
    await writeDoneTranscript(fixture.tenantId, callId, talk);
    await checkScriptsForCall(fixture.tenantId, callId);
    expect((await getCallScripts(sup, callId)).checks[0]?.version).toBe(1);
    const edited = script("Incoming sales", templateId);
    edited.content.steps[1]!.phrases = ["компания ромашка", "по поводу заказа"];
    edited.content.steps[1]!.party = "ANY";
    await saveScript(sup, { ...edited, scriptId });
    const before = (await getCallScripts(sup, callId)).checks[0];
    expect(before).toMatchObject({ version: 1 });
    expect(before?.steps[1]?.status).toBe("MISSED");
    await recheckCall(sup, callId);
    const after = (await getCallScripts(sup, callId)).checks[0];
    expect(after).toMatchObject({ version: 2 });
    expect(after?.steps[1]).toMatchObject({ status: "PASSED" });
    // Put the script back as the report below expects it.
    await saveScript(sup, { ...script("Incoming sales", templateId), scriptId });
    await recheckCall(sup, callId);
  });
});

describe("compliance report", () => {
  it("counts steps per script, manager and day, and drills into the calls that missed one", async () => {
    const scope = await getReportScope(fixture.tenantId, { from: yesterday(), to: today() });
    const report = await buildScriptCompliance(scope);
    const sales = report.scripts.find((s) => s.scriptId === scriptId);
    // Maria: 3 checked calls; Oleg: 1 (with the violation).
    expect(sales?.calls).toBe(4);
    expect(
      sales?.steps.map((s) => [s.stepId, s.title, s.checked, s.passed, s.missed, s.violated]),
    ).toEqual([
      ["hello", "Greeting", 4, 4, 0, 0],
      ["company", "Company name", 4, 0, 4, 0],
      ["order", "Order", 4, 3, 0, 1],
    ]);
    const oleg1 = sales?.managers.find((m) => m.managerId === oleg.userId);
    expect(oleg1).toMatchObject({ name: "Oleg Manager", checked: 3, passed: 1 });
    expect(sales?.days.reduce((n, d) => n + d.checked, 0)).toBe(12);
    expect(sales?.days.reduce((n, d) => n + d.passed, 0)).toBe(7);

    const drill = await drillScriptStep(scope, {
      from: yesterday(),
      to: today(),
      scriptId,
      stepId: "order",
    });
    expect(drill.total).toBe(1);
    expect(drill.items[0]).toMatchObject({ status: "VIOLATED", managerName: "Oleg Manager" });
    const mine = await drillScriptStep(scope, {
      from: yesterday(),
      to: today(),
      scriptId,
      stepId: "company",
      managerId: maria.userId!,
    });
    expect(mine.total).toBe(3);

    const api = await getApiQualityReport(fixture.tenantId, { from: yesterday(), to: today() });
    const apiSales = api.scripts.find((s) => s.scriptId === scriptId);
    expect(apiSales?.steps.map((s) => s.rate)).toEqual([1, 0, 0.75]);
    expect(
      apiSales?.managers.map((m) => m.email === null || m.email.endsWith("@quality.test")),
    ).not.toContain(false);
    expect(JSON.stringify(apiSales)).not.toContain(maria.userId);
  });
});
