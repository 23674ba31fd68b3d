import type { Translate } from "@/lib/i18n/translate";
import {
  ruleBodySchema,
  type CallerCondition,
  type RoutingAction,
  type RuleBody,
} from "@/lib/schemas/routing";

// The editor's working copy: list fields stay text until saved, so typing is never fought.
export type RuleDraft = {
  name: string;
  isEnabled: boolean;
  dialed: string[];
  callerKind: CallerCondition["kind"];
  tagsText: string;
  prefixesText: string;
  useSchedule: boolean;
  weekdays: number[];
  windows: Array<{ start: string; end: string }>;
  holidaysText: string;
  holidayMode: "exclude" | "only";
  action: RoutingAction;
  fallbacks: RoutingAction[];
};

const split = (text: string) =>
  text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

export function draftFromBody(body: RuleBody | null): RuleDraft {
  const caller = body?.conditions.caller ?? { kind: "any" as const };
  const schedule = body?.conditions.schedule ?? null;
  return {
    name: body?.name ?? "",
    isEnabled: body?.isEnabled ?? true,
    dialed: body?.conditions.dialed ?? [],
    callerKind: caller.kind,
    tagsText: caller.kind === "tag" ? caller.tags.join(", ") : "",
    prefixesText: caller.kind === "prefix" ? caller.prefixes.join(", ") : "",
    useSchedule: schedule !== null,
    weekdays: schedule?.weekdays ?? [1, 2, 3, 4, 5],
    windows: schedule?.windows ?? [{ start: "09:00", end: "18:00" }],
    holidaysText: schedule?.holidays.join("\n") ?? "",
    holidayMode: schedule?.holidayMode ?? "exclude",
    action: body?.action ?? { kind: "personalManager" },
    fallbacks: body?.fallbacks ?? [{ kind: "release" }],
  };
}

function callerFromDraft(d: RuleDraft): CallerCondition {
  switch (d.callerKind) {
    case "tag":
      return { kind: "tag", tags: split(d.tagsText) };
    case "prefix":
      return { kind: "prefix", prefixes: split(d.prefixesText) };
    default:
      return { kind: d.callerKind };
  }
}

export type DraftErrors = Record<string, string | undefined>;

const ERROR_CODES = new Set([
  "phone",
  "prefix",
  "tags",
  "time",
  "window",
  "date",
  "weekdays",
  "workplace",
  "group",
  "fallbacks",
]);

export function translateRuleError(t: Translate, code: string | undefined): string | undefined {
  if (!code) return undefined;
  if (code === "crm_timeout") return t("routing.error.crm_timeout");
  if (code === "required") return t("validation.required");
  if (code === "too_long") return t("validation.tooLong");
  if (ERROR_CODES.has(code))
    return t(
      `routing.error.${code as "phone" | "prefix" | "tags" | "time" | "window" | "date" | "weekdays" | "workplace" | "group" | "fallbacks"}`,
    );
  return t("validation.invalid");
}

/** Validates with the same schema as the server; errors keyed by path ("action.number"). */
export function bodyFromDraft(
  t: Translate,
  d: RuleDraft,
): { ok: true; body: RuleBody } | { ok: false; errors: DraftErrors } {
  const candidate = {
    name: d.name,
    isEnabled: d.isEnabled,
    conditions: {
      dialed: d.dialed,
      caller: callerFromDraft(d),
      schedule: d.useSchedule
        ? {
            weekdays: d.weekdays,
            windows: d.windows,
            holidays: split(d.holidaysText),
            holidayMode: d.holidayMode,
          }
        : null,
    },
    action: d.action,
    fallbacks: d.fallbacks,
  };
  const parsed = ruleBodySchema.safeParse(candidate);
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors: DraftErrors = {};
  for (const issue of parsed.error.issues) {
    // Holiday and list items point at the field as a whole.
    const path = issue.path
      .filter(
        (p, i, all) =>
          !(typeof p === "number" && ["holidays", "tags", "prefixes"].includes(String(all[i - 1]))),
      )
      .join(".");
    errors[path] ??= translateRuleError(t, issue.message);
  }
  return { ok: false, errors };
}

/** Errors under a prefix with the prefix removed (for ActionFields). */
export function errorsUnder(errors: DraftErrors, prefix: string): DraftErrors {
  const out: DraftErrors = {};
  for (const [key, value] of Object.entries(errors))
    if (key.startsWith(`${prefix}.`)) out[key.slice(prefix.length + 1)] = value;
  return out;
}
