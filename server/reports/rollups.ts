// Exact daily rollups of the report figures. A row holds one local day's figures for one manager
// and company number ("handled": by the call's manager, "personal": by the client's personal
// manager), with every answer and callback time, so percentiles stay exact. Rows are built from
// the same reportSource() as the direct queries; the last LIVE_DAYS days are always computed
// live with that same SELECT. Triggers (migration report_rollups) mark the time ranges whose days
// a late change touched; refreshRollups() rebuilds those days and builds missing ones.
import { getDb, Prisma } from "../db";
import {
  ANSWER_SEC,
  CALLBACK_SEC,
  countOf,
  figureWhere,
  localStart,
  reportSource,
  TALK_BUCKET,
  TALK_BUCKETS,
  type ReportScope,
} from "./sql";

const { sql, join } = Prisma;

/** Today and the nine days before it are never rolled up (see the triggers' one-day horizon). */
export const LIVE_DAYS = 10;

export const ROLLUP_COLUMNS = [
  "day",
  "kind",
  "manager_id",
  "number",
  "incoming",
  "outgoing",
  "outgoing_answered",
  "answered",
  "missed",
  "talk_sec",
  "talk_calls",
  "called_back",
  "routed",
  "fallbacks",
  "personal_incoming",
  "personal_reached",
  "answer_sec_sum",
  "answer_secs",
  "callback_secs",
  "incoming_by_hour",
  "talk_buckets",
] as const;

const NUMBER = sql`(CASE WHEN c.direction = 'OUT' THEN c.from_number ELSE c.to_number END)`;

/**
 * Rollup-shaped rows (ROLLUP_COLUMNS) of the scope's days, computed from the calls. The scope's
 * manager and number filters are not applied here: callers filter the rows.
 */
export function rollupSelect(scope: ReportScope): Prisma.Sql {
  const unfiltered: ReportScope = { ...scope, managerIds: undefined, numbers: undefined };
  const local = localStart(scope);
  const incoming = figureWhere("incoming", scope);
  const talk = figureWhere("talk", scope);
  const answered = figureWhere("answered", scope);
  const byTalk = TALK_BUCKETS.map(
    (_, i) => sql`(count(*) FILTER (WHERE ${talk} AND ${TALK_BUCKET} = ${i}))::int`,
  );
  // Local hours listed once per incoming call, counted per hour outside the aggregate: 24
  // FILTERs would convert every call's start to local time 24 times.
  const columns = Prisma.raw(ROLLUP_COLUMNS.filter((c) => c !== "incoming_by_hour").join(", "));
  return sql`
    SELECT ${columns}, ARRAY(
        SELECT count(x.h)::int FROM generate_series(0, 23) g(h)
        LEFT JOIN unnest(incoming_hours) x(h) ON x.h = g.h GROUP BY g.h ORDER BY g.h
      ) AS incoming_by_hour
    FROM (SELECT ${local}::date AS day, 'handled' AS kind, c.manager_id, ${NUMBER} AS number,
      ${countOf("incoming", scope)} AS incoming,
      ${countOf("outgoing", scope)} AS outgoing,
      ${countOf("outgoingAnswered", scope)} AS outgoing_answered,
      ${countOf("answered", scope)} AS answered,
      ${countOf("missed", scope)} AS missed,
      COALESCE(sum(c.talk_sec) FILTER (WHERE ${talk}), 0)::float8 AS talk_sec,
      ${countOf("talk", scope)} AS talk_calls,
      ${countOf("calledBack", scope)} AS called_back,
      ${countOf("routed", scope)} AS routed,
      ${countOf("fallbacks", scope)} AS fallbacks,
      0 AS personal_incoming, 0 AS personal_reached,
      COALESCE(sum(${ANSWER_SEC}) FILTER (WHERE ${answered}), 0)::float8 AS answer_sec_sum,
      COALESCE(array_agg(${ANSWER_SEC}) FILTER (WHERE ${answered}), '{}')::float8[] AS answer_secs,
      COALESCE(array_agg(${CALLBACK_SEC}) FILTER (WHERE ${figureWhere("calledBack", scope)}), '{}')::float8[] AS callback_secs,
      array_agg(EXTRACT(HOUR FROM ${local})::int) FILTER (WHERE ${incoming}) AS incoming_hours,
      ARRAY[${join(byTalk, ", ")}] AS talk_buckets
    ${reportSource(unfiltered, { needs: { routing: true, callback: true }, figure: "all" })}
    GROUP BY 1, 3, 4) handled
    UNION ALL
    SELECT ${local}::date, 'personal', cl.personal_manager_id, ${NUMBER},
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      count(*)::int, ${countOf("personalReached", scope)},
      0, '{}'::float8[], '{}'::float8[], '{}'::int[], '{}'::int[]
    ${reportSource(unfiltered, { needs: { client: true }, personal: true, figure: "personalIncoming" })}
    GROUP BY 1, 3, 4`;
}

export type RollupPlan = {
  /** First local day computed live; earlier days of the period come from stored rollups. */
  liveFrom: string;
};

const dateOnly = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Makes the stored rollups of the period's settled days current: drops the days that marks or a
 * changed time zone made stale, then builds every missing day. One tenant at a time (advisory
 * lock); the marks are consumed in the same transaction that rebuilds their days, and a mark
 * committed meanwhile stays for the next report.
 */
export async function refreshRollups(scope: ReportScope): Promise<RollupPlan> {
  const tenant = scope.tenantId;
  const tz = scope.timeZone;
  return getDb().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`report-rollups:${tenant}`}))`;
      await tx.$executeRawUnsafe("SET LOCAL jit = off");
      await tx.$executeRawUnsafe("SET LOCAL work_mem = '64MB'");
      await tx.$executeRawUnsafe("SET LOCAL random_page_cost = 1.1");
      const [boundary] = await tx.$queryRaw<Array<{ liveFrom: Date }>>`
        SELECT ((now() AT TIME ZONE ${tz}::text)::date - ${LIVE_DAYS - 1}::int) AS "liveFrom"`;
      const liveFrom = dateOnly(boundary!.liveFrom);
      // A zone change moves every day boundary: nothing stored is valid any more.
      const moved = await tx.$executeRaw`
        DELETE FROM report_rollup_days WHERE tenant_id = ${tenant}::uuid AND time_zone <> ${tz}`;
      if (moved > 0) {
        await tx.$executeRaw`DELETE FROM report_rollups WHERE tenant_id = ${tenant}::uuid`;
        await tx.$executeRaw`DELETE FROM report_rollup_days WHERE tenant_id = ${tenant}::uuid`;
      }
      await tx.$executeRaw`
        WITH marks AS (
          DELETE FROM report_rollup_marks WHERE tenant_id = ${tenant}::uuid RETURNING from_at, to_at
        ), stale AS (
          SELECT DISTINCT generate_series((from_at AT TIME ZONE ${tz}::text)::date,
            (to_at AT TIME ZONE ${tz}::text)::date, interval '1 day')::date AS day
          FROM marks
        ), unbuilt AS (
          DELETE FROM report_rollup_days d USING stale
          WHERE d.tenant_id = ${tenant}::uuid AND d.day = stale.day
        )
        DELETE FROM report_rollups r USING stale
        WHERE r.tenant_id = ${tenant}::uuid AND r.day = stale.day`;
      const lastSettled = dateOnly(new Date(Date.parse(`${liveFrom}T00:00:00Z`) - 86_400_000));
      const to = scope.to < lastSettled ? scope.to : lastSettled;
      if (scope.from > to) return { liveFrom };
      const missing = await tx.$queryRaw<Array<{ day: Date }>>`
        SELECT g.day::date AS day
        FROM generate_series(${scope.from}::date, ${to}::date, interval '1 day') g(day)
        WHERE NOT EXISTS (SELECT 1 FROM report_rollup_days d
          WHERE d.tenant_id = ${tenant}::uuid AND d.day = g.day::date)
        ORDER BY 1`;
      if (missing.length === 0) return { liveFrom };
      const days = missing.map((m) => dateOnly(m.day)).sort();
      const span: ReportScope = { ...scope, from: days[0]!, to: days.at(-1)! };
      const columns = Prisma.raw(ROLLUP_COLUMNS.join(", "));
      await tx.$executeRaw`
        INSERT INTO report_rollups (tenant_id, ${columns})
        SELECT ${tenant}::uuid, ${columns} FROM (${rollupSelect(span)}) x
        WHERE x.day = ANY(${days}::date[])`;
      await tx.$executeRaw`
        INSERT INTO report_rollup_days (tenant_id, day, time_zone)
        SELECT ${tenant}::uuid, d, ${tz} FROM unnest(${days}::date[]) d`;
      return { liveFrom };
    },
    { timeout: 300_000, maxWait: 300_000 },
  );
}

/**
 * The period's rows in rollup shape, filtered like the report: stored rows for settled days,
 * live rows for the rest.
 */
export function rollupParts(scope: ReportScope, plan: RollupPlan): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  const columns = Prisma.raw(ROLLUP_COLUMNS.join(", "));
  if (scope.from < plan.liveFrom) {
    parts.push(sql`SELECT ${columns} FROM report_rollups
      WHERE tenant_id = ${scope.tenantId}::uuid AND day >= ${scope.from}::date
        AND day <= ${scope.to}::date AND day < ${plan.liveFrom}::date`);
  }
  if (scope.to >= plan.liveFrom) {
    const from = scope.from > plan.liveFrom ? scope.from : plan.liveFrom;
    parts.push(sql`SELECT ${columns} FROM (${rollupSelect({ ...scope, from })}) live`);
  }
  const where: Prisma.Sql[] = [sql`TRUE`];
  if (scope.managerIds?.length) {
    where.push(sql`manager_id = ANY(${[...scope.managerIds]}::uuid[])`);
  }
  if (scope.numbers?.length) where.push(sql`number = ANY(${[...scope.numbers]}::text[])`);
  return sql`(SELECT * FROM (${join(parts, " UNION ALL ")}) p WHERE ${join(where, " AND ")})`;
}
