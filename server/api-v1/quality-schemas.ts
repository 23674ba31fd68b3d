import { z } from "zod";
import { apiSchemas } from "@/server/api-v1/schemas";

// The Quality report of /api/v1/reports/quality: the same figures as the Reports → Quality tab.

const rate = z
  .number()
  .nullable()
  .meta({ description: "0…1, null when there is nothing to divide" });
const score = z
  .number()
  .nullable()
  .meta({ description: "Mean weighted score 0…100; null when no evaluation had a score" });

const disputesSchema = z
  .object({
    raised: z.number().int(),
    open: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
  })
  .register(apiSchemas, { id: "QualityDisputes" });

const figures = {
  evaluations: z.number().int(),
  avgScore: score,
  passRate: rate,
  criticalFailures: z
    .number()
    .int()
    .meta({ description: "Evaluations failed by a critical criterion" }),
  disputes: disputesSchema,
};

const stepCounts = {
  checked: z.number().int().meta({ description: "Checks of calls that had the step" }),
  passed: z.number().int(),
  missed: z.number().int(),
  violated: z.number().int().meta({ description: "A forbidden phrase of the step was said" }),
  rate: rate.meta({ description: "Compliance: passed / checked, 0…1; null without checks" }),
};

const scriptComplianceSchema = z
  .object({
    scriptId: z.string(),
    name: z.string(),
    calls: z.number().int().meta({ description: "Calls checked against the script" }),
    total: z.object(stepCounts),
    steps: z.array(
      z
        .object({
          stepId: z.string(),
          title: z.string().meta({ description: "As worded in the newest script version" }),
          ...stepCounts,
        })
        .register(apiSchemas, { id: "ScriptStepCompliance" }),
    ),
    managers: z.array(
      z
        .object({
          email: z
            .string()
            .nullable()
            .meta({ description: "null: the call had no manager any more" }),
          name: z.string().nullable(),
          ...stepCounts,
          steps: z.array(z.object({ stepId: z.string(), ...stepCounts })),
        })
        .register(apiSchemas, { id: "ScriptManagerCompliance" }),
    ),
    days: z.array(
      z.object({
        day: z.string().meta({ description: "Local date (YYYY-MM-DD) the calls started" }),
        ...stepCounts,
      }),
    ),
  })
  .register(apiSchemas, { id: "ScriptCompliance" });

export const qualityReportResponse = z
  .object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    total: z.object(figures),
    managers: z.array(
      z
        .object({
          email: z
            .string()
            .nullable()
            .meta({ description: "null: the call had no manager any more" }),
          name: z.string().nullable(),
          ...figures,
        })
        .register(apiSchemas, { id: "QualityManagerRow" }),
    ),
    days: z.array(
      z.object({
        day: z.string().meta({ description: "Local date (YYYY-MM-DD) the evaluations were made" }),
        evaluations: z.number().int(),
        avgScore: score,
        passRate: rate,
      }),
    ),
    criteria: z.array(
      z
        .object({
          criterionId: z.string(),
          title: z.string().meta({ description: "As worded in the newest scorecard version" }),
          isCritical: z.boolean(),
          applicable: z.number().int().meta({ description: "Evaluations where it applied" }),
          passed: z.number().int(),
          passRate: rate,
          criticalFailures: z.number().int(),
        })
        .register(apiSchemas, { id: "QualityCriterionRow" }),
    ),
    scripts: z.array(scriptComplianceSchema).meta({
      description:
        "Script compliance of the calls that started in the period (local days): per script, step, manager and day",
    }),
  })
  .register(apiSchemas, { id: "QualityReport" });
