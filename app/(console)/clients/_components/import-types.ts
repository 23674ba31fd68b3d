// The JSON /api/clients/import answers (server/clients/import-plan.ts), read defensively.
import type { ImportPlan, ImportReason } from "@/server/clients/import-plan";

export type { ImportPlan, ImportReason };
export type ImportCounts = ImportPlan["counts"];

export type ImportFailure = { code: string; reason?: string; limitBytes?: number };
