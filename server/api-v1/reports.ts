import type { z } from "zod";
import { getManagerReport } from "@/server/reports/queries";
import type { managerReportResponse, reportQuery } from "@/server/api-v1/schemas";

/** The per-manager report of the screen (same rounding), in the public API's field names. */
export async function getApiManagerReport(
  tenantId: string,
  query: z.output<typeof reportQuery>,
): Promise<z.input<typeof managerReportResponse>> {
  const report = await getManagerReport(tenantId, { from: query.from, to: query.to });
  return {
    from: query.from,
    to: query.to,
    timeZone: report.timeZone,
    serviceLevelSec: report.serviceLevelSec,
    managers: report.managers.map((row) => ({
      email: row.email,
      name: row.name,
      incoming: row.incoming,
      outgoing: row.outgoing,
      answered: row.answered,
      missed: row.missed,
      answerRate: row.answerRate,
      avgAnswerSec: row.avgAnswerSec,
      talkSec: row.talkSec,
      serviceLevel: row.serviceLevel,
      callbackRate: row.callbackRate,
    })),
  };
}
