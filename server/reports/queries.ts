// Report figures aggregated in PostgreSQL. Every query is built from reportSource() in sql.ts,
// so figures, chart series, drill-down lists and the CSV export share one WHERE.
import type { ReportFigure, ReportFilters, ReportSlice } from "@/lib/schemas/reports";
import { getDb, Prisma } from "@/server/db";
import { AppError } from "@/server/errors";
import { getTenantSettings } from "@/server/tenants/settings";
import { emptyCounts, type MetricCounts, type Metrics, withRates } from "@/server/reports/metrics";
import { rollupAggregate, rollupSeries } from "@/server/reports/rollup-report";
import {
  ANSWER_SEC,
  CALLBACK_SEC,
  countOf,
  figureWhere,
  isPersonalFigure,
  localStart,
  reportSource,
  TALK_BUCKET,
  TALK_BUCKETS,
  type ReportScope,
  type Slice,
} from "@/server/reports/sql";

const { sql } = Prisma;

/**
 * Runs one report query with JIT off (measured: LLVM compilation cost 8 s of a 16 s report on
 * 1M calls, the rest ran in under a second), enough sort memory to stay off disk and the random
 * page cost of cached data.
 */
export async function reportQuery<T>(query: Prisma.Sql): Promise<T> {
  return getDb().$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL jit = off");
      await tx.$executeRawUnsafe("SET LOCAL work_mem = '32MB'");
      // Report data is read over and over and stays cached: index probes (routing decisions,
      // clients of a few days' calls) cost about what a sequential read does.
      await tx.$executeRawUnsafe("SET LOCAL random_page_cost = 1.1");
      return tx.$queryRaw<T>(query);
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

export type ReportRange = {
  /** Inclusive local dates (YYYY-MM-DD) in the tenant's time zone. */
  from: string;
  to: string;
  managerIds?: readonly string[];
  numbers?: readonly string[];
};

export async function getReportScope(tenantId: string, range: ReportRange): Promise<ReportScope> {
  const db = getDb();
  const [tenant, settings] = await Promise.all([
    db.tenant.findUnique({ where: { id: tenantId }, select: { timeZone: true } }),
    getTenantSettings(tenantId),
  ]);
  if (!tenant) throw new AppError("NOT_FOUND", "Organization not found");
  return {
    tenantId,
    timeZone: tenant.timeZone,
    serviceLevelSec: settings.serviceLevelSec,
    from: range.from,
    to: range.to,
    managerIds: range.managerIds,
    numbers: range.numbers,
  };
}

type AggregateRow = Omit<MetricCounts, "personalIncoming" | "personalReached"> & {
  managerId: string | null;
  isTotal: number;
};
type PersonalRow = {
  managerId: string | null;
  isTotal: number;
  personalIncoming: number;
  personalReached: number;
};

/** The per-manager report's two queries: handled-call figures and personal-client figures. */
export function managerReportQueries(scope: ReportScope) {
  return {
    main: sql`
      SELECT c.manager_id AS "managerId", GROUPING(c.manager_id)::int AS "isTotal",
        ${countOf("incoming", scope)} AS incoming,
        ${countOf("outgoing", scope)} AS outgoing,
        ${countOf("outgoingAnswered", scope)} AS "outgoingAnswered",
        ${countOf("answered", scope)} AS answered,
        ${countOf("missed", scope)} AS missed,
        COALESCE(sum(c.talk_sec) FILTER (WHERE ${figureWhere("talk", scope)}), 0)::float8 AS "talkSec",
        ${countOf("talk", scope)} AS "talkCalls",
        ${countOf("withinServiceLevel", scope)} AS "withinServiceLevel",
        ${countOf("calledBack", scope)} AS "calledBack",
        ${countOf("routed", scope)} AS routed,
        ${countOf("fallbacks", scope)} AS fallbacks,
        COALESCE(sum(${ANSWER_SEC}) FILTER (WHERE ${figureWhere("answered", scope)}), 0)::float8 AS "answerSecSum",
        (avg(${ANSWER_SEC}) FILTER (WHERE ${figureWhere("answered", scope)}))::float8 AS "avgAnswerSec",
        (percentile_cont(0.9) WITHIN GROUP (ORDER BY ${ANSWER_SEC})
          FILTER (WHERE ${figureWhere("answered", scope)}))::float8 AS "p90AnswerSec",
        (percentile_cont(0.5) WITHIN GROUP (ORDER BY ${CALLBACK_SEC}))::float8 AS "medianCallbackSec"
      ${reportSource(scope, { needs: { routing: true, callback: true }, figure: "all" })}
      GROUP BY GROUPING SETS ((c.manager_id), ())`,
    personal: sql`
      SELECT cl.personal_manager_id AS "managerId", GROUPING(cl.personal_manager_id)::int AS "isTotal",
        count(*)::int AS "personalIncoming",
        ${countOf("personalReached", scope)} AS "personalReached"
      ${reportSource(scope, { needs: { client: true }, personal: true, figure: "personalIncoming" })}
      GROUP BY GROUPING SETS ((cl.personal_manager_id), ())`,
  };
}

/** Straight from the calls; the report itself sums exact daily rollups (rollup-report.ts). */
export async function aggregateDirect(scope: ReportScope) {
  const queries = managerReportQueries(scope);
  const [main, personal] = await Promise.all([
    reportQuery<AggregateRow[]>(queries.main),
    reportQuery<PersonalRow[]>(queries.personal),
  ]);
  return { main, personal };
}

/** Screen, CSV and API show the same rounded values: rates to 0.01 %, seconds to 0.1 s. */
export function roundMetrics(m: Metrics): Metrics {
  const rate = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 10_000);
  const sec = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    ...m,
    talkSec: Math.round(m.talkSec),
    answerSecSum: Math.round(m.answerSecSum * 10) / 10,
    avgAnswerSec: sec(m.avgAnswerSec),
    p90AnswerSec: sec(m.p90AnswerSec),
    medianCallbackSec: sec(m.medianCallbackSec),
    avgTalkSec: sec(m.avgTalkSec),
    answerRate: rate(m.answerRate),
    serviceLevel: rate(m.serviceLevel),
    callbackRate: rate(m.callbackRate),
    personalRate: rate(m.personalRate),
    fallbackRate: rate(m.fallbackRate),
  };
}

export type ManagerReportRow = Metrics & {
  managerId: string | null;
  email: string | null;
  name: string | null;
};
export type ManagerReport = {
  timeZone: string;
  serviceLevelSec: number;
  managers: ManagerReportRow[];
  total: Metrics;
};

/** Aggregated figures of a scope, per manager (null: reached no manager) and in total. */
export async function buildManagerReport(
  scope: ReportScope,
  opts: { direct?: boolean } = {},
): Promise<ManagerReport> {
  const { main, personal } = opts.direct
    ? await aggregateDirect(scope)
    : await rollupAggregate(scope, reportQuery);
  const byManager = new Map<string | null, MetricCounts>();
  const totalCounts: MetricCounts = emptyCounts();
  for (const { managerId, isTotal, ...counts } of main) {
    if (isTotal) Object.assign(totalCounts, counts);
    else byManager.set(managerId, { ...emptyCounts(), ...counts });
  }
  for (const { managerId, isTotal, personalIncoming, personalReached } of personal) {
    const target = isTotal
      ? totalCounts
      : (byManager.get(managerId) ?? byManager.set(managerId, emptyCounts()).get(managerId)!);
    target.personalIncoming = personalIncoming;
    target.personalReached = personalReached;
  }
  // Active managers without calls still get a row, so the table shows who had none.
  const people = await getDb().user.findMany({
    where: {
      tenantId: scope.tenantId,
      OR: [
        { id: { in: [...byManager.keys()].filter((id): id is string => id !== null) } },
        {
          role: "MANAGER",
          status: "ACTIVE",
          ...(scope.managerIds?.length ? { id: { in: [...scope.managerIds] } } : {}),
        },
      ],
    },
    select: { id: true, email: true, name: true },
    orderBy: { name: "asc" },
  });
  const rows: ManagerReportRow[] = people.map((p) => ({
    managerId: p.id,
    email: p.email,
    name: p.name,
    ...roundMetrics(withRates(byManager.get(p.id) ?? emptyCounts())),
  }));
  const unassigned = byManager.get(null);
  if (unassigned) {
    rows.push({ managerId: null, email: null, name: null, ...roundMetrics(withRates(unassigned)) });
  }
  return {
    timeZone: scope.timeZone,
    serviceLevelSec: scope.serviceLevelSec,
    managers: rows,
    total: roundMetrics(withRates(totalCounts)),
  };
}

/**
 * The per-manager report for BI tools and the screen: from/to are inclusive dates (YYYY-MM-DD)
 * in the tenant's time zone; managerIds/numbers narrow it like the page's filters.
 */
export async function getManagerReport(tenantId: string, range: ReportRange) {
  return buildManagerReport(await getReportScope(tenantId, range));
}

export type SeriesPoint = { bucket: string; answered: number; missed: number; outgoing: number };
export type HeatCell = { weekday: number; hour: number; incoming: number };
export type TalkBucket = { bucket: number; fromSec: number; toSec: number | null; calls: number };

/** Hours for a single day, days otherwise. */
export function seriesUnit(scope: Pick<ReportScope, "from" | "to">): "day" | "hour" {
  return scope.from === scope.to ? "hour" : "day";
}

/** The chart series, heat map and talk distribution queries of the page. */
export function seriesQueries(scope: ReportScope) {
  const unit = seriesUnit(scope);
  const local = localStart(scope);
  return {
    series: sql`
      SELECT to_char(date_trunc(${unit}, ${local}), 'YYYY-MM-DD"T"HH24:00') AS bucket,
        ${countOf("answered", scope)} AS answered,
        ${countOf("missed", scope)} AS missed,
        ${countOf("outgoing", scope)} AS outgoing
      ${reportSource(scope, { needs: {}, figure: "all" })}
      GROUP BY 1 ORDER BY 1`,
    heat: sql`
      SELECT EXTRACT(ISODOW FROM ${local})::int AS weekday, EXTRACT(HOUR FROM ${local})::int AS hour,
        count(*)::int AS incoming
      ${reportSource(scope, { needs: {}, figure: "incoming" })}
      GROUP BY 1, 2`,
    talk: sql`
      SELECT ${TALK_BUCKET}::int AS bucket, count(*)::int AS calls
      ${reportSource(scope, { needs: {}, figure: "talk" })}
      GROUP BY 1`,
  };
}

/** Days come from the rollups; the hours of a single day straight from its calls. */
export async function buildReportSeries(scope: ReportScope, opts: { direct?: boolean } = {}) {
  const unit = seriesUnit(scope);
  if (unit === "day" && !opts.direct) {
    const { series, heat, talk } = await rollupSeries(scope, reportQuery);
    return { unit, series: fillBuckets(series, scope, unit), heat, talk: talkBuckets(talk) };
  }
  const queries = seriesQueries(scope);
  const [series, heat, talk] = await Promise.all([
    reportQuery<SeriesPoint[]>(queries.series),
    reportQuery<HeatCell[]>(queries.heat),
    reportQuery<Array<{ bucket: number; calls: number }>>(queries.talk),
  ]);
  const counts = TALK_BUCKETS.map((_, i) => talk.find((t) => t.bucket === i)?.calls ?? 0);
  return { unit, series: fillBuckets(series, scope, unit), heat, talk: talkBuckets(counts) };
}

function talkBuckets(counts: readonly number[]): TalkBucket[] {
  return TALK_BUCKETS.map((fromSec, bucket) => ({
    bucket,
    fromSec,
    toSec: TALK_BUCKETS[bucket + 1] ?? null,
    calls: counts[bucket] ?? 0,
  }));
}

/** Every day (or hour) of the period, zeros where there were no calls. */
function fillBuckets(points: SeriesPoint[], scope: ReportScope, unit: "day" | "hour") {
  const found = new Map(points.map((p) => [p.bucket, p]));
  const out: SeriesPoint[] = [];
  const pad = (n: number) => String(n).padStart(2, "0");
  const end = Date.parse(`${scope.to}T00:00:00Z`);
  for (let t = Date.parse(`${scope.from}T00:00:00Z`); t <= end; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    const hours = unit === "hour" ? 24 : 1;
    for (let h = 0; h < hours; h++) {
      const bucket = `${day}T${pad(h)}:00`;
      out.push(found.get(bucket) ?? { bucket, answered: 0, missed: 0, outgoing: 0 });
    }
  }
  return out;
}

export function toSlice(input: ReportSlice): Slice {
  return {
    managerId: input.manager === "none" ? null : input.manager,
    bucket: input.bucket,
    cell: input.cell,
    talkBucket: input.talkBucket,
  };
}

export type DrillCall = {
  id: string;
  startedAt: Date;
  direction: "IN" | "OUT" | "INTERNAL";
  fromNumber: string;
  toNumber: string;
  result: string | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  talkSec: number | null;
  hasRecording: boolean;
  managerId: string | null;
  managerName: string | null;
  clientId: string | null;
  clientName: string | null;
  routingOutcome: string | null;
  routingFallback: boolean;
  recordingId: string | null;
};

/** The exact calls behind a figure (optionally narrowed to a bar, cell or manager). */
export async function listFigureCalls(
  scope: ReportScope,
  figure: ReportFigure,
  slice: Slice,
  page: { limit: number; offset?: number; after?: { startedAt: Date; id: string } },
): Promise<DrillCall[]> {
  const source = reportSource(scope, {
    needs: { client: true, routing: true, callback: figure === "calledBack" },
    personal: isPersonalFigure(figure),
    figure,
    slice,
  });
  const after = page.after
    ? sql`AND (c.started_at, c.id) < (${page.after.startedAt}, ${page.after.id}::uuid)`
    : Prisma.empty;
  return reportQuery<DrillCall[]>(sql`
    SELECT x.*, u.name AS "managerName", xc.name AS "clientName",
      xr.outcome::text AS "routingOutcome",
      COALESCE(xr.explanation @> '[{"kind":"fallback"}]'::jsonb
        OR xr.explanation @> '{"steps":[{"kind":"fallback"}]}'::jsonb, false) AS "routingFallback",
      (SELECT r.id FROM recordings r WHERE r.call_id = x.id AND r.status = 'READY'
        ORDER BY r.created_at LIMIT 1) AS "recordingId"
    FROM (
      SELECT c.id, c.started_at AS "startedAt", c.direction::text AS direction,
        c.from_number AS "fromNumber", c.to_number AS "toNumber", c.result::text AS result,
        c.answered_at AS "answeredAt", c.ended_at AS "endedAt", c.talk_sec AS "talkSec",
        c.has_recording AS "hasRecording", c.manager_id AS "managerId", c.client_id AS "clientId"
      ${source} ${after}
      ORDER BY c.started_at DESC, c.id DESC
      LIMIT ${page.limit} OFFSET ${page.offset ?? 0}
    ) x
    LEFT JOIN users u ON u.id = x."managerId"
    LEFT JOIN clients xc ON xc.id = x."clientId"
    LEFT JOIN routing_decisions xr ON xr.call_id = x.id
    ORDER BY x."startedAt" DESC, x.id DESC`);
}

export async function countFigureCalls(
  scope: ReportScope,
  figure: ReportFigure,
  slice: Slice,
): Promise<number> {
  const source = reportSource(scope, {
    needs: { client: isPersonalFigure(figure), routing: true, callback: figure === "calledBack" },
    personal: isPersonalFigure(figure),
    figure,
    slice,
  });
  const rows = await reportQuery<Array<{ n: number }>>(sql`SELECT count(*)::int AS n ${source}`);
  return rows[0]?.n ?? 0;
}

export type ReportFiltersLike = Pick<ReportFilters, "from" | "to" | "managerIds" | "numbers">;

export type DayCounters = { answered: number; missed: number; talkSec: number };

/**
 * The live board's "today" counters per manager: the report's answered, missed and talk-time
 * figures for one local day (same predicates, same WHERE), without the heavier joins.
 */
export async function countDayByManager(
  scope: Pick<ReportScope, "tenantId" | "timeZone" | "serviceLevelSec"> & { day: string },
  managerIds: readonly string[],
): Promise<Map<string, DayCounters>> {
  if (managerIds.length === 0) return new Map();
  const full: ReportScope = { ...scope, from: scope.day, to: scope.day, managerIds };
  const rows = await getDb().$queryRaw<Array<DayCounters & { managerId: string }>>(sql`
    SELECT c.manager_id AS "managerId",
      ${countOf("answered", full)} AS answered,
      ${countOf("missed", full)} AS missed,
      COALESCE(sum(c.talk_sec) FILTER (WHERE ${figureWhere("talk", full)}), 0)::int AS "talkSec"
    ${reportSource(full, { needs: {}, figure: "all" })}
    GROUP BY c.manager_id`);
  return new Map(rows.map(({ managerId, ...counters }) => [managerId, counters]));
}
