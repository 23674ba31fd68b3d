// The page's figures summed from rollup-shaped rows (stored days + live days, rollups.ts). Sums
// of counts, and percentiles over the kept answer and callback times: the same numbers the
// direct queries give (reports.int.test.ts and rollups.int.test.ts compare them).
import { Prisma } from "@/server/db";
import type { MetricCounts } from "@/server/reports/metrics";
import type { HeatCell, SeriesPoint } from "@/server/reports/queries";
import { refreshRollups } from "@/server/reports/rollup-refresh";
import { rollupParts, type RollupPlan } from "@/server/reports/rollups";
import { TALK_BUCKETS, type ReportScope } from "@/server/reports/sql";

const { sql, join, raw } = Prisma;

type Runner = <T>(query: Prisma.Sql) => Promise<T>;

type GroupRow = Partial<MetricCounts> & { managerId: string | null; isTotal: number };

const total = (column: string) => raw(`COALESCE(sum(${column}), 0)`);

const HOUR_SUMS = join(
  Array.from({ length: 24 }, (_, h) => raw(`COALESCE(sum(incoming_by_hour[${h + 1}]), 0)::int`)),
  ", ",
);
const TALK_SUMS = join(
  TALK_BUCKETS.map((_, i) => raw(`COALESCE(sum(talk_buckets[${i + 1}]), 0)::int`)),
  ", ",
);

/** Per manager (handled and personal) and in total, as aggregateDirect() in queries.ts. */
function aggregateCtes(scope: ReportScope): Prisma.Sql {
  const groups = sql`GROUP BY GROUPING SETS ((manager_id), ())`;
  const head = sql`manager_id AS "managerId", GROUPING(manager_id)::int AS "isTotal"`;
  return sql`
    counts AS (
      SELECT ${head},
        ${total("incoming")}::int AS incoming, ${total("outgoing")}::int AS outgoing,
        ${total("outgoing_answered")}::int AS "outgoingAnswered",
        ${total("answered")}::int AS answered, ${total("missed")}::int AS missed,
        ${total("talk_sec")}::float8 AS "talkSec", ${total("talk_calls")}::int AS "talkCalls",
        ${total("called_back")}::int AS "calledBack", ${total("routed")}::int AS routed,
        ${total("fallbacks")}::int AS fallbacks,
        ${total("answer_sec_sum")}::float8 AS "answerSecSum"
      FROM parts WHERE kind = 'handled' ${groups}
    ), answers AS (
      SELECT ${head},
        (count(*) FILTER (WHERE s <= ${scope.serviceLevelSec}::float8))::int AS "withinServiceLevel",
        avg(s)::float8 AS "avgAnswerSec",
        (percentile_cont(0.9) WITHIN GROUP (ORDER BY s))::float8 AS "p90AnswerSec"
      FROM parts, unnest(parts.answer_secs) s WHERE kind = 'handled' ${groups}
    ), callbacks AS (
      SELECT ${head}, (percentile_cont(0.5) WITHIN GROUP (ORDER BY s))::float8 AS "medianCallbackSec"
      FROM parts, unnest(parts.callback_secs) s WHERE kind = 'handled' ${groups}
    ), personal AS (
      SELECT ${head}, ${total("personal_incoming")}::int AS "personalIncoming",
        ${total("personal_reached")}::int AS "personalReached"
      FROM parts WHERE kind = 'personal' ${groups}
    ), main AS (
      SELECT counts.*, a."withinServiceLevel", a."avgAnswerSec", a."p90AnswerSec", b."medianCallbackSec"
      FROM counts
      LEFT JOIN answers a ON a."isTotal" = counts."isTotal"
        AND a."managerId" IS NOT DISTINCT FROM counts."managerId"
      LEFT JOIN callbacks b ON b."isTotal" = counts."isTotal"
        AND b."managerId" IS NOT DISTINCT FROM counts."managerId"
      -- Grouping sets give a total row even without calls; the direct query has no manager rows then.
      WHERE counts."isTotal" = 1 OR counts.incoming + counts.outgoing > 0
    )`;
}

type PageRow = {
  main: GroupRow[] | null;
  personal: GroupRow[] | null;
  series: SeriesPoint[] | null;
  heat: Array<{ weekday: number; hours: number[] }> | null;
  talk: number[] | null;
};

/** One statement for the whole page: the live days are computed once for all its figures. */
export function rollupPageQuery(scope: ReportScope, plan: RollupPlan): Prisma.Sql {
  return sql`
    WITH parts AS MATERIALIZED ${rollupParts(scope, plan)},
    ${aggregateCtes(scope)},
    handled AS (SELECT * FROM parts WHERE kind = 'handled')
    SELECT (SELECT json_agg(main) FROM main) AS main,
      (SELECT json_agg(personal) FROM personal
        WHERE "isTotal" = 1 OR "personalIncoming" > 0) AS personal,
      (SELECT json_agg(s ORDER BY s.bucket) FROM (
        SELECT to_char(day, 'YYYY-MM-DD"T00:00"') AS bucket, sum(answered)::int AS answered,
          sum(missed)::int AS missed, sum(outgoing)::int AS outgoing
        FROM handled GROUP BY day) s) AS series,
      (SELECT json_agg(h) FROM (
        SELECT EXTRACT(ISODOW FROM day)::int AS weekday, ARRAY[${HOUR_SUMS}] AS hours
        FROM handled GROUP BY 1) h) AS heat,
      (SELECT ARRAY[${TALK_SUMS}] FROM handled) AS talk`;
}

// The page asks for its summary and its series at once (two requests): they share one run.
const inFlight = new Map<string, Promise<PageRow | undefined>>();

async function loadPage(scope: ReportScope, run: Runner): Promise<PageRow | undefined> {
  const key = JSON.stringify(scope);
  const running = inFlight.get(key);
  if (running) return running;
  const started = (async () => {
    const plan = await refreshRollups(scope);
    const [row] = await run<PageRow[]>(rollupPageQuery(scope, plan));
    return row;
  })();
  inFlight.set(key, started);
  try {
    return await started;
  } finally {
    inFlight.delete(key);
  }
}

export async function rollupAggregate(scope: ReportScope, run: Runner) {
  const row = await loadPage(scope, run);
  const fill = (r: GroupRow) => ({
    ...r,
    withinServiceLevel: r.withinServiceLevel ?? 0,
    avgAnswerSec: r.avgAnswerSec ?? null,
    p90AnswerSec: r.p90AnswerSec ?? null,
    medianCallbackSec: r.medianCallbackSec ?? null,
  });
  return {
    main: (row?.main ?? []).map(fill) as Array<
      Omit<MetricCounts, "personalIncoming" | "personalReached"> & GroupRow
    >,
    personal: (row?.personal ?? []).map((r) => ({
      managerId: r.managerId,
      isTotal: r.isTotal,
      personalIncoming: r.personalIncoming ?? 0,
      personalReached: r.personalReached ?? 0,
    })),
  };
}

/** Daily chart series, weekday × hour heat map and talk-time buckets of a multi-day period. */
export async function rollupSeries(scope: ReportScope, run: Runner) {
  const row = await loadPage(scope, run);
  const heat: HeatCell[] = [];
  for (const { weekday, hours } of (row?.heat ?? []).sort((a, b) => a.weekday - b.weekday)) {
    hours.forEach((incoming, hour) => {
      if (incoming > 0) heat.push({ weekday, hour, incoming });
    });
  }
  return { series: row?.series ?? [], heat, talk: row?.talk ?? TALK_BUCKETS.map(() => 0) };
}
