import { z } from "zod";

// Routing rule shapes, shared by the editor (client) and server/routing (the DB stores them as
// Json). Error messages are i18n keys under "routing.error.*".

const e164 = z
  .string()
  .trim()
  .regex(/^\+\d{7,15}$/, { error: "phone" });

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "time" });
const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
  error: "date",
});

export const callerConditionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("any") }),
  z.object({ kind: z.literal("known") }),
  z.object({ kind: z.literal("unknown") }),
  z.object({ kind: z.literal("vip") }),
  z.object({
    kind: z.literal("tag"),
    tags: z.array(z.string().trim().min(1).max(60)).min(1, { error: "tags" }).max(20),
  }),
  z.object({
    kind: z.literal("prefix"),
    prefixes: z
      .array(
        z
          .string()
          .trim()
          .regex(/^\+?\d{1,15}$/, { error: "prefix" }),
      )
      .min(1, { error: "prefix" })
      .max(50),
  }),
]);
export type CallerCondition = z.infer<typeof callerConditionSchema>;

/** A window "22:00–02:00" crosses midnight: it belongs to the day it starts on. */
export const timeWindowSchema = z
  .object({ start: time, end: time })
  .refine((w) => w.start !== w.end, { error: "window" });

/** ISO weekdays: 1 = Monday … 7 = Sunday, evaluated in the tenant's time zone. */
export const scheduleSchema = z.object({
  weekdays: z.array(z.number().int().min(1).max(7)).min(1, { error: "weekdays" }).max(7),
  // Empty = the whole day.
  windows: z.array(timeWindowSchema).max(10),
  holidays: z.array(isoDate).max(366),
  // "exclude": never on a holiday (office hours). "only": only on holidays (weekdays ignored).
  holidayMode: z.enum(["exclude", "only"]),
});
export type Schedule = z.infer<typeof scheduleSchema>;

export const ruleConditionsSchema = z.object({
  // E.164 numbers of this PBX; empty = any number.
  dialed: z.array(e164).max(100),
  caller: callerConditionSchema,
  schedule: scheduleSchema.nullable(),
});
export type RuleConditions = z.infer<typeof ruleConditionsSchema>;

export const CRM_TIMEOUT_DEFAULT_MS = 1000;
export const CRM_TIMEOUT_MIN_MS = 100;
export const CRM_TIMEOUT_MAX_MS = 2500;

export const groupStrategySchema = z.enum(["roundRobin", "longestIdle", "random"]);
export type GroupStrategy = z.infer<typeof groupStrategySchema>;

export const routingActionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("personalManager") }),
  z.object({ kind: z.literal("workplace"), workplaceId: z.uuid({ error: "workplace" }) }),
  z.object({
    kind: z.literal("group"),
    name: z.string().trim().max(80),
    workplaceIds: z.array(z.uuid()).min(1, { error: "group" }).max(200),
    strategy: groupStrategySchema,
  }),
  z.object({ kind: z.literal("number"), number: e164 }),
  z.object({ kind: z.literal("release") }),
  // POST the caller's and the dialed number to the company's CRM lookup URL and go where it
  // answers, within this budget (so the call never outlives the park); else the fallbacks.
  z.object({
    kind: z.literal("crm"),
    timeoutMs: z
      .number({ error: "crm_timeout" })
      .int({ error: "crm_timeout" })
      .min(CRM_TIMEOUT_MIN_MS, { error: "crm_timeout" })
      .max(CRM_TIMEOUT_MAX_MS, { error: "crm_timeout" }),
  }),
]);
export type RoutingAction = z.infer<typeof routingActionSchema>;
export type RoutingActionKind = RoutingAction["kind"];

export const ruleBodySchema = z.object({
  name: z.string().trim().min(1, { error: "required" }).max(120, { error: "too_long" }),
  isEnabled: z.boolean(),
  conditions: ruleConditionsSchema,
  action: routingActionSchema,
  fallbacks: z.array(routingActionSchema).max(10, { error: "fallbacks" }),
});
export type RuleBody = z.infer<typeof ruleBodySchema>;

export const createRuleInput = ruleBodySchema;
export const updateRuleInput = ruleBodySchema.extend({ ruleId: z.uuid() });
export const ruleIdInput = z.object({ ruleId: z.uuid() });
export const setRuleEnabledInput = z.object({ ruleId: z.uuid(), isEnabled: z.boolean() });
export const moveRuleInput = z.object({ ruleId: z.uuid(), direction: z.enum(["up", "down"]) });
export const reorderRulesInput = z.object({ ruleIds: z.array(z.uuid()).min(1).max(1000) });

export const testRoutingInput = z.object({
  caller: z
    .string()
    .trim()
    .regex(/^\+?[\d\s()-]{5,20}$/, { error: "phone" }),
  dialed: z.string().trim().max(20),
  // Local date-time in the tenant's time zone ("2026-11-26T14:30"); empty = now.
  at: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})?$/, { error: "date" })
    .optional(),
});
export type TestRoutingInput = z.infer<typeof testRoutingInput>;

/** The default rule set of a new company: personal manager, else the PBX's standard route. */
export function defaultRuleBody(name: string): RuleBody {
  return {
    name,
    isEnabled: true,
    conditions: { dialed: [], caller: { kind: "known" }, schedule: null },
    action: { kind: "personalManager" },
    fallbacks: [{ kind: "release" }],
  };
}

// ---- explanation steps (stored in RoutingDecision.explanation, rendered in ru/en) ----

export type TargetStatus =
  | "available"
  | "offline"
  | "break"
  | "busy"
  | "noUser"
  | "noWorkplace"
  | "unknownCaller"
  | "noManager";

export type CrmStepResult = "answered" | "unknown" | "timeout" | "error" | "noUrl";

export type RoutingStep =
  | { kind: "noRules" }
  | { kind: "ruleDisabled"; rule: string }
  | { kind: "ruleSkipped"; rule: string; reason: "dialed" | "caller" | "schedule" }
  | { kind: "ruleMatched"; rule: string }
  | { kind: "fallback"; index: number }
  | { kind: "personalManager"; name: string | null; status: TargetStatus }
  | { kind: "workplace"; name: string; status: TargetStatus }
  | { kind: "groupEmpty"; group: string; strategy: GroupStrategy }
  | { kind: "groupPick"; group: string; strategy: GroupStrategy; name: string }
  | { kind: "number"; number: string }
  | { kind: "release"; reason: "action" | "exhausted" | "noMatch" }
  // What the CRM lookup answered and how fast; `answer` is who or what it named.
  | {
      kind: "crm";
      result: CrmStepResult;
      ms: number;
      answer: string | null;
      status: TargetStatus | null;
      detail: string | null;
    }
  // The PBX's answer: the park expired before the decision (1002), or another failure.
  | { kind: "pbx"; result: "timeout" | "error"; message: string };

export type RoutingOutcomeKind = "TRANSFER_WORKPLACE" | "TRANSFER_NUMBER" | "RELEASE";
export type StoredRoutingOutcome = RoutingOutcomeKind | "TIMEOUT" | "ERROR";

/** Steps worth showing in a one-line reason (the board): not the rules that were skipped. */
export function reasonSteps(steps: readonly RoutingStep[]): RoutingStep[] {
  return steps.filter((s) => s.kind !== "ruleSkipped" && s.kind !== "ruleDisabled");
}
