import { addDays, localDateOf, startOfLocalDay, weekdayOf } from "@/lib/zoned-time";
import { getDb, Prisma } from "@/server/db";

// Which calls a sampling rule picks. Every rule looks only at answered calls that reached a
// manager, have a recording and are not in this rule's queue yet.

export type RuleForSampling = {
  id: string;
  tenantId: string;
  kind: "PER_MANAGER_WEEK" | "LONGER_THAN" | "SILENCE_OVER";
  count: number;
  thresholdSec: number;
};

export type SampledCall = { callId: string; managerId: string };

/** "Every call" rules look this far back, so a rule made today finds this week's calls too. */
export const LOOKBACK_MS = 7 * 24 * 3600 * 1000;

const eligible = (rule: RuleForSampling, since: Date) => Prisma.sql`
  c.tenant_id = ${rule.tenantId}::uuid
  AND c.parent_call_id IS NULL
  AND c.answered_at IS NOT NULL AND c.ended_at IS NOT NULL
  AND c.manager_id IS NOT NULL AND c.has_recording
  AND c.started_at >= ${since}
  AND NOT EXISTS (
    SELECT 1 FROM review_items ri WHERE ri.rule_id = ${rule.id}::uuid AND ri.call_id = c.id)`;

/** Monday 00:00 of the current week on the company's wall clock. */
export function startOfLocalWeek(now: Date, timeZone: string): Date {
  const today = localDateOf(now, timeZone);
  return startOfLocalDay(addDays(today, 1 - weekdayOf(today)), timeZone);
}

export async function findCallsForRule(
  rule: RuleForSampling,
  now: Date,
  timeZone: string,
): Promise<SampledCall[]> {
  const db = getDb();
  if (rule.kind === "LONGER_THAN") {
    return db.$queryRaw<SampledCall[]>`
      SELECT c.id::text AS "callId", c.manager_id::text AS "managerId" FROM calls c
      WHERE ${eligible(rule, new Date(now.getTime() - LOOKBACK_MS))}
        AND c.duration_sec > ${rule.thresholdSec}
      ORDER BY c.started_at`;
  }
  if (rule.kind === "SILENCE_OVER") {
    // Talk analytics (server/talk-analytics) finished for the call: a call still being
    // analysed is taken by a later run.
    return db.$queryRaw<SampledCall[]>`
      SELECT c.id::text AS "callId", c.manager_id::text AS "managerId" FROM calls c
      JOIN call_talk_stats s ON s.call_id = c.id AND s.tenant_id = c.tenant_id
      WHERE ${eligible(rule, new Date(now.getTime() - LOOKBACK_MS))}
        AND s.status = 'READY' AND s.longest_silence_sec > ${rule.thresholdSec}
      ORDER BY c.started_at`;
  }
  // N calls per manager per local week, drawn at random among those talked longer than X; a
  // skipped call frees its place for another.
  const weekStart = startOfLocalWeek(now, timeZone);
  return db.$queryRaw<SampledCall[]>`
    WITH pool AS (
      SELECT c.id, c.manager_id,
        row_number() OVER (PARTITION BY c.manager_id ORDER BY random()) AS n
      FROM calls c
      WHERE ${eligible(rule, weekStart)} AND c.talk_sec > ${rule.thresholdSec}
    ), taken AS (
      SELECT ri.manager_id, count(*)::int AS k FROM review_items ri
      JOIN calls c ON c.id = ri.call_id
      WHERE ri.rule_id = ${rule.id}::uuid AND c.started_at >= ${weekStart}
        AND ri.status <> 'SKIPPED'
      GROUP BY ri.manager_id
    )
    SELECT p.id::text AS "callId", p.manager_id::text AS "managerId" FROM pool p
    LEFT JOIN taken t ON t.manager_id = p.manager_id
    WHERE p.n <= ${rule.count} - COALESCE(t.k, 0)`;
}
