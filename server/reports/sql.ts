// One builder for every report query: the figures (counts, series, cells) and the drill-down call
// lists are made from the same FROM, WHERE and predicates, so a figure and the list behind it
// cannot disagree. Each predicate is the SQL twin of a function in metrics.ts.
import { REPORT_FIGURES, type ReportFigure } from "@/lib/schemas/reports";
import { Prisma } from "@/server/db";
import { CALLBACK_WINDOW_MS } from "@/server/reports/metrics";

const { sql, join, empty, raw } = Prisma;

export type ReportScope = {
  tenantId: string;
  timeZone: string;
  serviceLevelSec: number;
  /** Inclusive local dates (YYYY-MM-DD) in the tenant's time zone. */
  from: string;
  to: string;
  managerIds?: readonly string[];
  numbers?: readonly string[];
};

// The call's start on the tenant's wall clock: days, hours and weekdays are local.
export const localStart = (scope: ReportScope) =>
  sql`(c.started_at AT TIME ZONE ${scope.timeZone}::text)`;

const LOGICAL = sql`c.parent_call_id IS NULL AND c.direction IN ('IN', 'OUT')`;
const INCOMING_BASE = sql`c.parent_call_id IS NULL AND c.direction = 'IN' AND NOT c.is_click_to_call`;
const INCOMING = sql`(${INCOMING_BASE} AND (c.answered_at IS NOT NULL OR c.state = 'ENDED'))`;
const ANSWERED = sql`(${INCOMING_BASE} AND c.answered_at IS NOT NULL)`;
const MISSED = sql`(${INCOMING_BASE} AND c.answered_at IS NULL AND c.state = 'ENDED')`;
const OUTGOING = sql`(c.parent_call_id IS NULL AND c.direction = 'OUT')`;
const OUTGOING_ANSWERED = sql`(${OUTGOING} AND c.answered_at IS NOT NULL)`;
const TALK = sql`(${LOGICAL} AND c.answered_at IS NOT NULL AND c.end_reported)`;
export const ANSWER_SEC = sql`(EXTRACT(EPOCH FROM (c.answered_at - c.started_at))::float8)`;
const FALLBACK_STEP = sql`(rd.explanation @> '[{"kind":"fallback"}]'::jsonb OR rd.explanation @> '{"steps":[{"kind":"fallback"}]}'::jsonb)`;
const ROUTED = sql`(${INCOMING} AND rd.id IS NOT NULL)`;
const FALLBACK = sql`(${ROUTED} AND ${FALLBACK_STEP})`;
const CALLBACK_AT = sql`LEAST(cb_out.at, cb_task.at)`;
const CALLED_BACK = sql`(${MISSED} AND ${CALLBACK_AT} IS NOT NULL)`;
export const CALLBACK_SEC = sql`(CASE WHEN ${CALLED_BACK} THEN GREATEST(0, EXTRACT(EPOCH FROM (${CALLBACK_AT} - COALESCE(c.ended_at, c.started_at)))::float8) END)`;
const PERSONAL = sql`(${INCOMING} AND cl.personal_manager_id IS NOT NULL)`;
const PERSONAL_REACHED = sql`(${PERSONAL} AND ${ANSWERED} AND c.manager_id = cl.personal_manager_id)`;

export const FIGURES = REPORT_FIGURES;
export type Figure = ReportFigure;

type Needs = { client?: boolean; routing?: boolean; callback?: boolean };

export const FIGURE_SQL: Record<Figure, { where: Prisma.Sql; needs: Needs }> = {
  all: { where: sql`(${INCOMING} OR ${OUTGOING})`, needs: {} },
  incoming: { where: INCOMING, needs: {} },
  answered: { where: ANSWERED, needs: {} },
  missed: { where: MISSED, needs: {} },
  outgoing: { where: OUTGOING, needs: {} },
  outgoingAnswered: { where: OUTGOING_ANSWERED, needs: {} },
  talk: { where: TALK, needs: {} },
  // The threshold is a parameter: see figureWhere().
  withinServiceLevel: { where: ANSWERED, needs: {} },
  calledBack: { where: CALLED_BACK, needs: { callback: true } },
  personalIncoming: { where: PERSONAL, needs: { client: true } },
  personalReached: { where: PERSONAL_REACHED, needs: { client: true } },
  routed: { where: ROUTED, needs: { routing: true } },
  fallbacks: { where: FALLBACK, needs: { routing: true } },
};

/** Personal-client figures belong to the client's personal manager, the rest to the handler. */
export const isPersonalFigure = (f: Figure) => f === "personalIncoming" || f === "personalReached";
export const managerColumn = (personal: boolean) =>
  personal ? sql`cl.personal_manager_id` : sql`c.manager_id`;

/** Talk-time distribution: bucket i holds talk seconds in [TALK_BUCKETS[i], TALK_BUCKETS[i+1]). */
export const TALK_BUCKETS = [0, 30, 60, 180, 300, 600] as const;
export const TALK_BUCKET = sql`(CASE ${join(
  TALK_BUCKETS.slice(1).map((upper, i) => sql`WHEN COALESCE(c.talk_sec, 0) < ${upper} THEN ${i}`),
  " ",
)} ELSE ${TALK_BUCKETS.length - 1} END)`;

/** A narrowing of the figure to one bar, cell or row (what the user clicked). */
export type Slice = {
  /** A manager id, or null for calls that reached no manager. Undefined: all managers. */
  managerId?: string | null;
  /** A local bucket start "YYYY-MM-DD HH:00" with its granularity. */
  bucket?: { start: string; unit: "day" | "hour" };
  /** ISO weekday 1 (Monday) … 7 and local hour 0…23. */
  cell?: { weekday: number; hour: number };
  talkBucket?: number;
};

/** Calls (alias c) that started within the period's local days. */
function periodWhere(scope: ReportScope): Prisma.Sql {
  return sql`c.started_at >= (${scope.from}::date::timestamp AT TIME ZONE ${scope.timeZone}::text)
    AND c.started_at < ((${scope.to}::date + 1)::timestamp AT TIME ZONE ${scope.timeZone}::text)`;
}

/** FROM + joins + WHERE shared by all report queries. */
export function reportSource(
  scope: ReportScope,
  opts: { needs: Needs; personal?: boolean; figure?: Figure; slice?: Slice },
): Prisma.Sql {
  const { needs } = opts;
  const column = managerColumn(opts.personal ?? false);
  const where: Prisma.Sql[] = [sql`c.tenant_id = ${scope.tenantId}::uuid`, periodWhere(scope)];
  if (scope.managerIds?.length) {
    where.push(sql`${column} = ANY(${[...scope.managerIds]}::uuid[])`);
  }
  if (scope.numbers?.length) {
    // Our number: dialed for incoming calls, shown as caller id for outgoing ones.
    where.push(
      sql`(CASE WHEN c.direction = 'OUT' THEN c.from_number ELSE c.to_number END) = ANY(${[...scope.numbers]}::text[])`,
    );
  }
  if (opts.figure) where.push(figureWhere(opts.figure, scope));
  const slice = opts.slice ?? {};
  if (slice.managerId === null) where.push(sql`${column} IS NULL`);
  else if (slice.managerId) where.push(sql`${column} = ${slice.managerId}::uuid`);
  if (slice.bucket) {
    const unit = slice.bucket.unit === "hour" ? "hour" : "day";
    where.push(sql`date_trunc(${unit}, ${localStart(scope)}) = ${slice.bucket.start}::timestamp`);
  }
  if (slice.cell) {
    where.push(sql`EXTRACT(ISODOW FROM ${localStart(scope)}) = ${slice.cell.weekday}`);
    where.push(sql`EXTRACT(HOUR FROM ${localStart(scope)}) = ${slice.cell.hour}`);
  }
  if (slice.talkBucket !== undefined) where.push(sql`${TALK_BUCKET} = ${slice.talkBucket}`);

  const joins: Prisma.Sql[] = [];
  if (needs.client || opts.personal) {
    joins.push(sql`LEFT JOIN clients cl ON cl.id = c.client_id AND cl.tenant_id = c.tenant_id`);
  }
  if (needs.routing) {
    // Whenever the decision was stored (metrics.ts has no bound): a day's figures must not
    // depend on the period they are computed in, or its rollup would differ from the calls.
    joins.push(
      sql`LEFT JOIN routing_decisions rd ON rd.call_id = c.id AND rd.tenant_id = c.tenant_id`,
    );
  }
  if (needs.callback) {
    // Set-based: the period's missed calls joined to their callbacks (hash joins), instead of
    // one index probe per missed call — 105k probes on a 12-month report. Inside each derived
    // table the alias c names the missed call, so the shared predicates apply unchanged.
    const missedInPeriod = sql`c.tenant_id = ${scope.tenantId}::uuid AND ${periodWhere(scope)} AND ${MISSED}`;
    const window = raw(`interval '${CALLBACK_WINDOW_MS / 1000} seconds'`);
    joins.push(sql`LEFT JOIN (
      SELECT c.id, min(o.started_at) AS at
      FROM calls c
      JOIN calls o ON o.tenant_id = c.tenant_id AND o.to_number = c.from_number
        AND o.started_at > c.started_at AND o.started_at < c.started_at + ${window}
      WHERE ${missedInPeriod}
        AND o.started_at >= (${scope.from}::date::timestamp AT TIME ZONE ${scope.timeZone}::text)
        AND o.started_at < ((${scope.to}::date + 1)::timestamp AT TIME ZONE ${scope.timeZone}::text) + ${window}
        AND o.direction = 'OUT' AND o.parent_call_id IS NULL AND o.answered_at IS NOT NULL
      GROUP BY c.id
    ) cb_out ON cb_out.id = c.id`);
    joins.push(sql`LEFT JOIN (
      SELECT t.call_id, min(tc.started_at) AS at
      FROM calls c
      JOIN tasks t ON t.call_id = c.id AND t.tenant_id = c.tenant_id
      JOIN calls tc ON tc.id = t.closed_by_call_id AND tc.tenant_id = t.tenant_id
      WHERE ${missedInPeriod} AND t.kind = 'CALLBACK'
      GROUP BY t.call_id
    ) cb_task ON cb_task.call_id = c.id`);
  }
  return sql`FROM calls c
    ${joins.length ? join(joins, "\n") : empty}
    WHERE ${join(where, " AND ")}`;
}

export function figureWhere(figure: Figure, scope: Pick<ReportScope, "serviceLevelSec">) {
  if (figure === "withinServiceLevel") {
    return sql`(${ANSWERED} AND ${ANSWER_SEC} <= ${scope.serviceLevelSec}::float8)`;
  }
  return FIGURE_SQL[figure].where;
}

export const countOf = (figure: Figure, scope: Pick<ReportScope, "serviceLevelSec">) =>
  sql`(count(*) FILTER (WHERE ${figureWhere(figure, scope)}))::int`;
