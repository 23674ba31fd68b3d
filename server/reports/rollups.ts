// Exact daily rollups of the report figures. A row holds one local day's figures for one manager
// and company number ("handled": by the call's manager, "personal": by the client's personal
// manager), with every answer and callback time, so percentiles stay exact. Rows are built from
// the same reportSource() as the direct queries; the last LIVE_DAYS days are always computed
// live with that same SELECT. Triggers (migration report_rollups) mark the time ranges whose days
// a late change touched; refreshRollups() rebuilds those days and builds missing ones.
import { Prisma } from "@/server/db";
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
} from "@/server/reports/sql";

const { sql, join } = Prisma;

/**
 * Today and the two days before it are computed live: the triggers mark changes to calls older
 * than a day only, so the ingest of today's traffic never writes a mark.
 */
export const LIVE_DAYS = 3;
/**
 * Callbacks of missed calls from the last ten days are computed live as well: an answered
 * outgoing call changes the missed calls of the seven days before it, and recent calls leave no
 * mark. Stored days keep their callback figures once they are older than this.
 */
export const CALLBACK_LIVE_DAYS = 10;

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
  /** First local day whose callbacks are computed live (stored ones ignored). */
  callbackFrom: string;
};

/** Callback figures of missed calls, in rollup shape (everything else zero). */
function callbackSelect(scope: ReportScope): Prisma.Sql {
  const unfiltered: ReportScope = { ...scope, managerIds: undefined, numbers: undefined };
  return sql`
    SELECT ${localStart(scope)}::date AS day, 'handled' AS kind, c.manager_id, ${NUMBER} AS number,
      0 AS incoming, 0 AS outgoing, 0 AS outgoing_answered, 0 AS answered, 0 AS missed,
      0::float8 AS talk_sec, 0 AS talk_calls, count(*)::int AS called_back, 0 AS routed,
      0 AS fallbacks, 0 AS personal_incoming, 0 AS personal_reached, 0::float8 AS answer_sec_sum,
      '{}'::float8[] AS answer_secs, array_agg(${CALLBACK_SEC})::float8[] AS callback_secs,
      '{}'::int[] AS incoming_by_hour, '{}'::int[] AS talk_buckets
    ${reportSource(unfiltered, { needs: { callback: true }, figure: "calledBack" })}
    GROUP BY 1, 3, 4`;
}

const dayBefore = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The period's rows in rollup shape, filtered like the report: stored rows for settled days
 * (their callbacks only when final), live rows for the rest.
 */
export function rollupParts(scope: ReportScope, plan: RollupPlan): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  const columns = Prisma.raw(ROLLUP_COLUMNS.join(", "));
  if (scope.from < plan.liveFrom) {
    const storedColumns = ROLLUP_COLUMNS.map((column) => {
      if (column === "called_back") {
        return sql`CASE WHEN day < ${plan.callbackFrom}::date THEN called_back ELSE 0 END AS called_back`;
      }
      if (column === "callback_secs") {
        return sql`CASE WHEN day < ${plan.callbackFrom}::date THEN callback_secs ELSE '{}' END AS callback_secs`;
      }
      return Prisma.raw(column);
    });
    parts.push(sql`SELECT ${join(storedColumns, ", ")} FROM report_rollups
      WHERE tenant_id = ${scope.tenantId}::uuid AND day >= ${scope.from}::date
        AND day <= ${scope.to}::date AND day < ${plan.liveFrom}::date`);
    const from = scope.from > plan.callbackFrom ? scope.from : plan.callbackFrom;
    const lastStored = dayBefore(plan.liveFrom);
    const to = scope.to < lastStored ? scope.to : lastStored;
    if (from <= to) {
      parts.push(sql`SELECT ${columns} FROM (${callbackSelect({ ...scope, from, to })}) cb`);
    }
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
