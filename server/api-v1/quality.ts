import type { z } from "zod";
import type { qualityReportResponse } from "@/server/api-v1/quality-schemas";
import type { reportQuery } from "@/server/api-v1/schemas";
import { buildQualityReport } from "@/server/quality/report";
import { getReportScope } from "@/server/reports/queries";
import { buildScriptCompliance } from "@/server/scripts/report";

/** The Quality tab's figures for a period, in the public API's field names. */
export async function getApiQualityReport(
  tenantId: string,
  query: z.output<typeof reportQuery>,
): Promise<z.input<typeof qualityReportResponse>> {
  const scope = await getReportScope(tenantId, {
    from: query.from,
    to: query.to,
    managerIds: [],
    numbers: [],
  });
  const [report, compliance] = await Promise.all([
    buildQualityReport(scope),
    buildScriptCompliance(scope),
  ]);
  return {
    from: report.from,
    to: report.to,
    timeZone: report.timeZone,
    total: report.total,
    managers: report.managers.map(({ managerId: _id, ...row }) => row),
    days: report.series,
    criteria: report.criteria,
    scripts: compliance.scripts.map((script) => ({
      ...script,
      managers: script.managers.map(({ managerId: _id, steps, ...row }) => ({
        ...row,
        steps: steps.map(({ managerId: _m, ...step }) => step),
      })),
    })),
  };
}
