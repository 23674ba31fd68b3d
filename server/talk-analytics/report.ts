import type { ReportFilters } from "@/lib/schemas/reports";
import { Prisma } from "@/server/db";
import { getReportScope, reportQuery } from "@/server/reports/queries";
import { reportSource } from "@/server/reports/sql";

const { sql } = Prisma;

export type TalkAverages = {
  managerId: string;
  managerName: string | null;
  /** Calls with talk analytics in the period; stereo ones give the per-party averages. */
  calls: number;
  stereoCalls: number;
  talkRatio: number | null;
  silenceSec: number | null;
  longestSilenceSec: number | null;
  interruptions: number | null;
  firstWordsSec: number | null;
  longestMonologueSec: number | null;
};

type Row = Omit<TalkAverages, "calls" | "stereoCalls"> & { calls: number; stereoCalls: number };

const round = (value: number | null, digits: number) =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Per-manager averages of talk analytics over the report's period, managers and numbers (the
 * same calls the report counts, by the manager who took them). Supervisors and admins only, as
 * the rest of /reports.
 */
export async function buildTalkAverages(
  tenantId: string,
  filters: ReportFilters,
): Promise<TalkAverages[]> {
  const scope = await getReportScope(tenantId, filters);
  const rows = await reportQuery<Row[]>(sql`
    WITH period AS (
      SELECT c.id, c.manager_id ${reportSource(scope, { needs: {} })} AND c.manager_id IS NOT NULL
    )
    SELECT p.manager_id::text AS "managerId", u.name AS "managerName",
      count(*)::int AS calls, count(s.talk_ratio)::int AS "stereoCalls",
      avg(s.talk_ratio)::float8 AS "talkRatio", avg(s.silence_sec)::float8 AS "silenceSec",
      avg(s.longest_silence_sec)::float8 AS "longestSilenceSec",
      avg(s.manager_interruptions)::float8 AS interruptions,
      avg(s.first_words_sec)::float8 AS "firstWordsSec",
      avg(s.longest_monologue_sec)::float8 AS "longestMonologueSec"
    FROM period p
    JOIN call_talk_stats s ON s.call_id = p.id AND s.tenant_id = ${tenantId}::uuid
      AND s.status = 'READY'
    LEFT JOIN users u ON u.id = p.manager_id AND u.tenant_id = ${tenantId}::uuid
    GROUP BY p.manager_id, u.name
    ORDER BY u.name NULLS LAST`);
  return rows.map((r) => ({
    ...r,
    talkRatio: round(r.talkRatio, 3),
    silenceSec: round(r.silenceSec, 1),
    longestSilenceSec: round(r.longestSilenceSec, 1),
    interruptions: round(r.interruptions, 1),
    firstWordsSec: round(r.firstWordsSec, 1),
    longestMonologueSec: round(r.longestMonologueSec, 1),
  }));
}
