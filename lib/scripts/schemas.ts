import { z } from "zod";

// Call scripts: the steps a conversation should go through, as the editor writes them, the
// procedures take them and a version stores them (read back with scriptContent).

const title = z.string().trim().min(1, { error: "required" }).max(200, { error: "too_long" });
const localId = z.string().regex(/^[a-z0-9-]{1,40}$/, { error: "invalid" });
const phrase = z.string().trim().min(1, { error: "required" }).max(200, { error: "too_long" });

export const stepPartySchema = z.enum(["MANAGER", "CLIENT", "ANY"]);
export type StepParty = z.infer<typeof stepPartySchema>;

const seconds = z
  .int({ error: "invalid_number" })
  .min(0, { error: "too_small" })
  .max(24 * 3600, { error: "too_big" });

export const scriptStepSchema = z
  .object({
    id: localId,
    title,
    /** Any one of them said counts; at least one, or the step only forbids. */
    phrases: z.array(phrase).max(30).default([]),
    /** Saying any of them violates the step wherever it is said. */
    forbidden: z.array(phrase).max(30).default([]),
    party: stepPartySchema.default("MANAGER"),
    /** Seconds from the start of the recording; null: any time. */
    fromSec: seconds.nullable().default(null),
    toSec: seconds.nullable().default(null),
    /** Must come after the previous ordered step. */
    isOrdered: z.boolean().default(false),
    /** The criterion of the script's scorecard this step answers. */
    criterionId: localId.nullable().default(null),
  })
  .superRefine((step, ctx) => {
    if (step.phrases.length === 0 && step.forbidden.length === 0)
      ctx.addIssue({ code: "custom", path: ["phrases"], message: "required" });
    if (step.fromSec !== null && step.toSec !== null && step.toSec <= step.fromSec)
      ctx.addIssue({ code: "custom", path: ["toSec"], message: "too_small" });
  });
export type ScriptStep = z.infer<typeof scriptStepSchema>;

export const scriptContent = z
  .object({ steps: z.array(scriptStepSchema).min(1, { error: "no_steps" }).max(50) })
  .superRefine((content, ctx) => {
    const seen = new Set<string>();
    for (const [i, step] of content.steps.entries()) {
      if (seen.has(step.id))
        ctx.addIssue({ code: "custom", path: ["steps", i, "id"], message: "duplicate_id" });
      seen.add(step.id);
    }
  });
export type ScriptContent = z.infer<typeof scriptContent>;

export const callDirectionSchema = z.enum(["IN", "OUT"]);

export const saveScriptInput = z
  .object({
    /** Absent: a new script. Present: a new version of it. */
    scriptId: z.uuid().optional(),
    name: title,
    isEnabled: z.boolean().default(true),
    /** Empty: both directions. */
    directions: z.array(callDirectionSchema).max(2).default([]),
    /** Company numbers dialed (incoming) or called from (outgoing); empty: every number. */
    numbers: z.array(z.string().trim().min(1).max(32)).max(100).default([]),
    /** The scorecard whose criteria the steps answer. */
    templateId: z.uuid().nullable().default(null),
    content: scriptContent,
  })
  .superRefine((script, ctx) => {
    if (script.templateId !== null) return;
    for (const [i, step] of script.content.steps.entries())
      if (step.criterionId !== null)
        ctx.addIssue({
          code: "custom",
          path: ["content", "steps", i, "criterionId"],
          message: "no_scorecard",
        });
  });
export type SaveScriptInput = z.input<typeof saveScriptInput>;

export const scriptIdInput = z.object({ scriptId: z.uuid() });
export const scriptCallInput = z.object({ callId: z.uuid() });

export const stepStatusSchema = z.enum(["PASSED", "MISSED", "VIOLATED"]);
export type StepStatus = z.infer<typeof stepStatusSchema>;

/** Why a step is missed or violated. */
export const stepReasonSchema = z.enum([
  "found",
  "notFound",
  "outsideWindow",
  "outOfOrder",
  "wrongParty",
  "forbidden",
]);
export type StepReason = z.infer<typeof stepReasonSchema>;

export const evidenceSchema = z.object({
  /** The phrase variant (or forbidden phrase) as the script words it. */
  phrase: z.string(),
  /** The words of the transcript that matched. */
  text: z.string(),
  startMs: z.number(),
  endMs: z.number(),
  party: z.enum(["MANAGER", "CLIENT"]).nullable(),
  segmentId: z.string(),
  isForbidden: z.boolean(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const scriptComplianceInput = z.object({ from: z.iso.date(), to: z.iso.date() });
export const scriptDrillInput = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  scriptId: z.uuid(),
  stepId: localId,
  managerId: z.uuid().optional(),
  status: z.enum(["MISSED", "VIOLATED", "NOT_PASSED"]).default("NOT_PASSED"),
  limit: z.int().min(1).max(200).default(50),
  offset: z.int().min(0).default(0),
});
export type ScriptDrillInput = z.input<typeof scriptDrillInput>;
