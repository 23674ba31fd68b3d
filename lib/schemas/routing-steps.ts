import { z } from "zod";
import { groupStrategySchema, type RoutingStep } from "@/lib/schemas/routing";

// Stored explanations (RoutingDecision.explanation, JSON) read back for display.

const targetStatus = z.enum([
  "available",
  "offline",
  "break",
  "busy",
  "noUser",
  "noWorkplace",
  "unknownCaller",
  "noManager",
]);

export const routingStepSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("noRules") }),
  z.object({ kind: z.literal("ruleDisabled"), rule: z.string() }),
  z.object({
    kind: z.literal("ruleSkipped"),
    rule: z.string(),
    reason: z.enum(["dialed", "caller", "schedule"]),
  }),
  z.object({ kind: z.literal("ruleMatched"), rule: z.string() }),
  z.object({ kind: z.literal("fallback"), index: z.number() }),
  z.object({
    kind: z.literal("personalManager"),
    name: z.string().nullable(),
    status: targetStatus,
  }),
  z.object({ kind: z.literal("workplace"), name: z.string(), status: targetStatus }),
  z.object({ kind: z.literal("groupEmpty"), group: z.string(), strategy: groupStrategySchema }),
  z.object({
    kind: z.literal("groupPick"),
    group: z.string(),
    strategy: groupStrategySchema,
    name: z.string(),
  }),
  z.object({ kind: z.literal("number"), number: z.string() }),
  z.object({ kind: z.literal("release"), reason: z.enum(["action", "exhausted", "noMatch"]) }),
  z.object({ kind: z.literal("pbx"), result: z.enum(["timeout", "error"]), message: z.string() }),
  z.object({
    kind: z.literal("crm"),
    result: z.enum(["answered", "unknown", "timeout", "error", "noUrl"]),
    ms: z.number(),
    answer: z.string().nullable(),
    status: targetStatus.nullable(),
    detail: z.string().nullable(),
  }),
]) satisfies z.ZodType<RoutingStep>;

// Hand-written explanations from before the typed steps: { text: "…" }.
const legacyText = z.object({ text: z.string() });

/** A step as shown: a known one, or the text of an older or unknown shape. */
export type ExplanationStep = RoutingStep | { kind: "text"; text: string };

/** Reads a stored explanation without trusting its shape; nothing is dropped. */
export function parseExplanation(value: unknown): ExplanationStep[] {
  const list = Array.isArray(value) ? value : value == null ? [] : [value];
  return list.map((item: unknown): ExplanationStep => {
    const parsed = routingStepSchema.safeParse(item);
    if (parsed.success) return parsed.data;
    if (typeof item === "string") return { kind: "text", text: item };
    const text = legacyText.safeParse(item);
    return { kind: "text", text: text.success ? text.data.text : JSON.stringify(item) };
  });
}
