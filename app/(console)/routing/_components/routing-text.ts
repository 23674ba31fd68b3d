import type { Translate } from "@/lib/i18n/translate";
import { formatPhone } from "@/lib/ui/format-phone";
import type { RoutingAction, RuleConditions, StoredRoutingOutcome } from "@/lib/schemas/routing";
import type { ExplanationStep } from "@/lib/schemas/routing-steps";

// Readable ru/en sentences for rules and the steps of a decision. Shared by the routing page
// and the live board (the "why it went there" line).

export type WorkplaceNames = ReadonlyMap<string, string>;

export function formatStep(t: Translate, step: ExplanationStep): string {
  switch (step.kind) {
    case "text":
      return step.text;
    case "noRules":
      return t("routing.step.noRules");
    case "ruleDisabled":
      return t("routing.step.ruleDisabled", { rule: step.rule });
    case "ruleSkipped":
      return t(`routing.step.ruleSkipped.${step.reason}`, { rule: step.rule });
    case "ruleMatched":
      return t("routing.step.ruleMatched", { rule: step.rule });
    case "fallback":
      return t("routing.step.fallback", { index: step.index });
    case "personalManager":
      return step.name
        ? t("routing.step.personalManager", {
            name: step.name,
            status: t(`routing.status.${step.status}`),
          })
        : t("routing.step.personalManagerNone", { status: t(`routing.status.${step.status}`) });
    case "workplace":
      return t("routing.step.workplace", {
        name: step.name,
        status: t(`routing.status.${step.status}`),
      });
    case "groupEmpty":
      return t("routing.step.groupEmpty", { group: step.group });
    case "groupPick":
      return t("routing.step.groupPick", {
        group: step.group,
        strategy: t(`routing.strategy.${step.strategy}`),
        name: step.name,
      });
    case "number":
      return t("routing.step.number", { number: formatPhone(step.number) });
    case "release":
      return t(`routing.step.release.${step.reason}`);
    case "crm":
      return formatCrmStep(t, step);
    case "pbx":
      return step.result === "timeout"
        ? t("routing.step.pbx.timeout")
        : t("routing.step.pbx.error", { message: step.message });
    default:
      return "";
  }
}

function formatCrmStep(t: Translate, step: Extract<ExplanationStep, { kind: "crm" }>): string {
  const ms = step.ms;
  switch (step.result) {
    case "answered":
      return step.status && step.status !== "available"
        ? t("routing.step.crm.answeredStatus", {
            ms,
            answer: step.answer ?? "",
            status: t(`routing.status.${step.status}`),
          })
        : t("routing.step.crm.answered", { ms, answer: step.answer ?? "" });
    case "unknown":
      return t("routing.step.crm.unknown", { ms, answer: step.answer ?? "—" });
    case "timeout":
      return t("routing.step.crm.timeout", { ms });
    case "error":
      return t("routing.step.crm.error", { ms, detail: step.detail ?? "" });
    case "noUrl":
      return t("routing.step.crm.noUrl");
  }
}

/** Steps that only say what was passed over: left out of the one-line reason, muted in lists. */
export function isPassedOver(step: ExplanationStep): boolean {
  return step.kind === "ruleSkipped" || step.kind === "ruleDisabled" || step.kind === "fallback";
}

/** One line for the board: the meaningful steps joined with arrows. */
export function formatReason(
  t: Translate,
  routing: { outcome: StoredRoutingOutcome; steps: readonly ExplanationStep[] },
): string {
  const parts = routing.steps
    .filter((s) => !isPassedOver(s))
    .map((s) => formatStep(t, s))
    .filter(Boolean);
  if (routing.outcome === "TIMEOUT" && !routing.steps.some((s) => s.kind === "pbx"))
    parts.push(t("routing.outcome.TIMEOUT"));
  return parts.join(" → ");
}

export function formatAction(t: Translate, action: RoutingAction, names: WorkplaceNames): string {
  switch (action.kind) {
    case "personalManager":
      return t("routing.action.personalManager");
    case "workplace":
      return t("routing.action.workplace", {
        name: names.get(action.workplaceId) ?? t("routing.unknownWorkplace"),
      });
    case "group":
      return t("routing.action.group", {
        name: action.name || "—",
        strategy: t(`routing.strategy.${action.strategy}`),
        count: action.workplaceIds.length,
      });
    case "number":
      return t("routing.action.number", { number: formatPhone(action.number) });
    case "release":
      return t("routing.action.release");
    case "crm":
      return t("routing.action.crm", { ms: action.timeoutMs });
  }
}

function weekdayList(t: Translate, days: readonly number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  return sorted.map((d) => t(`routing.weekday.${d as 1 | 2 | 3 | 4 | 5 | 6 | 7}`)).join(", ");
}

export function formatConditions(t: Translate, conditions: RuleConditions): string {
  const parts: string[] = [];
  if (conditions.dialed.length > 0)
    parts.push(
      t("routing.summary.dialed", { numbers: conditions.dialed.map(formatPhone).join(", ") }),
    );
  const caller = conditions.caller;
  if (caller.kind === "tag")
    parts.push(t("routing.summary.caller.tag", { tags: caller.tags.join(", ") }));
  else if (caller.kind === "prefix")
    parts.push(t("routing.summary.caller.prefix", { prefixes: caller.prefixes.join(", ") }));
  else if (caller.kind !== "any") parts.push(t(`routing.summary.caller.${caller.kind}`));
  const schedule = conditions.schedule;
  if (schedule) {
    const windows =
      schedule.windows.length === 0
        ? t("routing.summary.allDay")
        : schedule.windows.map((w) => `${w.start}–${w.end}`).join(", ");
    const days =
      schedule.holidayMode === "only"
        ? t("routing.summary.holidaysOnly", { count: schedule.holidays.length })
        : weekdayList(t, schedule.weekdays);
    parts.push(t("routing.summary.schedule", { days, windows }));
    if (schedule.holidayMode === "exclude" && schedule.holidays.length > 0)
      parts.push(t("routing.summary.exceptHolidays", { count: schedule.holidays.length }));
  }
  return parts.length === 0 ? t("routing.summary.anyCall") : parts.join("; ");
}
