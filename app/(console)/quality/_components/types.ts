import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Quality = inferRouterOutputs<AppRouter>["quality"];
export type EvaluationView = Quality["evaluation"];
export type ScorecardVersionView = Quality["version"];
export type TemplateListItem = Quality["templates"][number];
export type QueueItem = Quality["queue"][number];
export type RuleItem = Quality["rules"][number];
export type EvaluationListItem = Quality["evaluations"]["items"][number];
export type QualityReport = Quality["report"];
export type Calibration = Quality["calibration"];
