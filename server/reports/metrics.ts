// The one definition of every report figure, as pure functions over call rows. The SQL in
// queries.ts implements exactly these predicates (sql-predicates.ts); the integration tests
// compare the two on the same data, and the live board's "today" counters call them too.
//
// Conventions (stated once, used everywhere):
// - A call belongs to the period by its startedAt, in the tenant's time zone: a call that starts
//   at 23:59 and ends at 00:10 counts on the day it started.
// - Only logical calls count: rows with parentCallId (click-to-call legs, transfer legs) are
//   folded into their parent; internal calls are not contact-center traffic.
// - A call is attributed to the manager it ended with (Call.managerId; after a transfer, the
//   transferee). Calls that never reached a manager count in the totals only.

export const CALLBACK_WINDOW_MS = 7 * 24 * 3600_000;

export type ReportCall = {
  id: string;
  direction: "IN" | "OUT" | "INTERNAL";
  state: "PARKED" | "RINGING" | "TALKING" | "ON_HOLD" | "ENDED";
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  talkSec: number | null;
  /** False when Pult closed the call because the PBX never reported its end. */
  endReported: boolean;
  managerId: string | null;
  isClickToCall: boolean;
  parentCallId: string | null;
  fromNumber: string;
  toNumber: string;
  /** The caller's client's personal manager now (null: no client or no personal manager). */
  personalManagerId: string | null;
  /** Null: the call was not routed by Pult; otherwise whether a fallback step was used. */
  routingFallback: boolean | null;
};

/** A CALLBACK task resolved by an outgoing call (Task.closedByCallId). */
export type CallbackTask = { callId: string; closedByCallId: string };

/** What the incoming, answered, missed and talk predicates read of a call. */
export type CallOutcome = Pick<
  ReportCall,
  "direction" | "state" | "answeredAt" | "isClickToCall" | "parentCallId" | "endReported"
>;

export const isLogical = (c: Pick<ReportCall, "parentCallId" | "direction">) =>
  c.parentCallId === null && c.direction !== "INTERNAL";

/**
 * Incoming: a logical incoming call whose ringing is over (answered, or ended). A call still
 * ringing is neither answered nor missed yet, so it is not counted until it is decided.
 */
export const isIncoming = (c: CallOutcome) =>
  isLogical(c) &&
  c.direction === "IN" &&
  !c.isClickToCall &&
  (c.answeredAt !== null || c.state === "ENDED");

export const isAnswered = (c: CallOutcome) => isIncoming(c) && c.answeredAt !== null;

/** Missed: incoming and ended without anyone answering. Click-to-call legs are never missed. */
export const isMissed = (c: CallOutcome) => isIncoming(c) && c.answeredAt === null;

/** Outgoing: logical outgoing calls (click-to-call is one call, whatever its legs did). */
export const isOutgoing = (c: ReportCall) => isLogical(c) && c.direction === "OUT";

/** Every call a report counts: incoming (decided) or outgoing. */
export const isCounted = (c: ReportCall) => isIncoming(c) || isOutgoing(c);

export const isOutgoingAnswered = (c: ReportCall) => isOutgoing(c) && c.answeredAt !== null;

/**
 * Talk time counts every answered logical call, incoming and outgoing, whose end the PBX
 * reported: a call Pult had to close itself has no known length.
 */
export const hasTalk = (c: CallOutcome) => isLogical(c) && c.answeredAt !== null && c.endReported;

/** What the caller waited, parking and ringing included, in seconds (ms precision). */
export function answerSeconds(c: ReportCall): number | null {
  if (!isAnswered(c) || !c.answeredAt) return null;
  return (c.answeredAt.getTime() - c.startedAt.getTime()) / 1000;
}

export function isWithinServiceLevel(c: ReportCall, serviceLevelSec: number): boolean {
  const seconds = answerSeconds(c);
  return seconds !== null && seconds <= serviceLevelSec;
}

export const isPersonalIncoming = (c: ReportCall) => isIncoming(c) && c.personalManagerId !== null;

export const isPersonalReached = (c: ReportCall) =>
  isPersonalIncoming(c) && isAnswered(c) && c.managerId === c.personalManagerId;

export const isRouted = (c: ReportCall) => isIncoming(c) && c.routingFallback !== null;
export const isFallback = (c: ReportCall) => isIncoming(c) && c.routingFallback === true;

/**
 * When a missed call was called back: the earliest of (a) the start of the outgoing call that
 * closed a CALLBACK task for it and (b) the start of the first answered outgoing call to the
 * caller's number within 7 days after the missed call started.
 */
export function callbackAt(
  missed: ReportCall,
  universe: readonly ReportCall[],
  tasks: readonly CallbackTask[] = [],
): Date | null {
  if (!isMissed(missed)) return null;
  const start = missed.startedAt.getTime();
  let best: number | null = null;
  for (const c of universe) {
    const t = c.startedAt.getTime();
    const isCandidate =
      isOutgoingAnswered(c) &&
      c.toNumber === missed.fromNumber &&
      t > start &&
      t < start + CALLBACK_WINDOW_MS;
    if (isCandidate && (best === null || t < best)) best = t;
  }
  for (const task of tasks) {
    if (task.callId !== missed.id) continue;
    const closing = universe.find((c) => c.id === task.closedByCallId);
    const t = closing?.startedAt.getTime();
    if (t !== undefined && (best === null || t < best)) best = t;
  }
  return best === null ? null : new Date(best);
}

/** Seconds from the end of the missed call (its start if the end is unknown) to the callback. */
export function callbackSeconds(missed: ReportCall, at: Date): number {
  const from = (missed.endedAt ?? missed.startedAt).getTime();
  return Math.max(0, (at.getTime() - from) / 1000);
}

/** PostgreSQL's percentile_cont: linear interpolation between the closest ranks. */
export function percentileCont(values: readonly number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] ?? 0;
  const high = sorted[upper] ?? low;
  return low + (high - low) * (position - lower);
}

export type MetricCounts = {
  incoming: number;
  outgoing: number;
  outgoingAnswered: number;
  answered: number;
  missed: number;
  talkSec: number;
  talkCalls: number;
  withinServiceLevel: number;
  calledBack: number;
  personalIncoming: number;
  personalReached: number;
  routed: number;
  fallbacks: number;
  answerSecSum: number;
  avgAnswerSec: number | null;
  p90AnswerSec: number | null;
  medianCallbackSec: number | null;
};

/** All counters at zero: the start of every aggregation, in JS and for SQL groups with no rows. */
export function emptyCounts(): MetricCounts {
  return {
    incoming: 0,
    outgoing: 0,
    outgoingAnswered: 0,
    answered: 0,
    missed: 0,
    talkSec: 0,
    talkCalls: 0,
    withinServiceLevel: 0,
    calledBack: 0,
    personalIncoming: 0,
    personalReached: 0,
    routed: 0,
    fallbacks: 0,
    answerSecSum: 0,
    avgAnswerSec: null,
    p90AnswerSec: null,
    medianCallbackSec: null,
  };
}

export type Metrics = MetricCounts & {
  answerRate: number | null;
  avgTalkSec: number | null;
  serviceLevel: number | null;
  callbackRate: number | null;
  personalRate: number | null;
  fallbackRate: number | null;
};

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** Rates derived from counts; shared by the JS definitions and the SQL results. */
export function withRates(counts: MetricCounts): Metrics {
  return {
    ...counts,
    answerRate: ratio(counts.answered, counts.incoming),
    avgTalkSec: ratio(counts.talkSec, counts.talkCalls),
    // Over all incoming calls, missed ones included: a missed call is a call not answered in time.
    serviceLevel: ratio(counts.withinServiceLevel, counts.incoming),
    callbackRate: ratio(counts.calledBack, counts.missed),
    personalRate: ratio(counts.personalReached, counts.personalIncoming),
    fallbackRate: ratio(counts.fallbacks, counts.routed),
  };
}

export type MetricOptions = {
  serviceLevelSec: number;
  /** Every call the callback search may look at (not only the period's). */
  universe?: readonly ReportCall[];
  tasks?: readonly CallbackTask[];
};

/** All figures of one group of calls (already restricted to the period and filters). */
export function computeMetrics(
  calls: readonly ReportCall[],
  opts: MetricOptions,
  personalCalls: readonly ReportCall[] = calls,
): Metrics {
  const unique = dedupeCalls(calls);
  const universe = opts.universe ? dedupeCalls(opts.universe) : unique;
  const answerTimes: number[] = [];
  const callbackTimes: number[] = [];
  const counts: MetricCounts = emptyCounts();
  for (const c of unique) {
    if (isIncoming(c)) counts.incoming += 1;
    if (isOutgoing(c)) counts.outgoing += 1;
    if (isOutgoingAnswered(c)) counts.outgoingAnswered += 1;
    if (isAnswered(c)) counts.answered += 1;
    if (hasTalk(c)) {
      counts.talkCalls += 1;
      counts.talkSec += c.talkSec ?? 0;
    }
    const seconds = answerSeconds(c);
    if (seconds !== null) {
      answerTimes.push(seconds);
      counts.answerSecSum += seconds;
    }
    if (isWithinServiceLevel(c, opts.serviceLevelSec)) counts.withinServiceLevel += 1;
    if (isRouted(c)) counts.routed += 1;
    if (isFallback(c)) counts.fallbacks += 1;
    if (isMissed(c)) {
      counts.missed += 1;
      const at = callbackAt(c, universe, opts.tasks);
      if (at) {
        counts.calledBack += 1;
        callbackTimes.push(callbackSeconds(c, at));
      }
    }
  }
  for (const c of dedupeCalls(personalCalls)) {
    if (isPersonalIncoming(c)) counts.personalIncoming += 1;
    if (isPersonalReached(c)) counts.personalReached += 1;
  }
  counts.avgAnswerSec = answerTimes.length ? counts.answerSecSum / answerTimes.length : null;
  counts.p90AnswerSec = percentileCont(answerTimes, 0.9);
  counts.medianCallbackSec = percentileCont(callbackTimes, 0.5);
  return withRates(counts);
}

/** The PBX delivers at least once: the same call may reach a hand-made set twice. */
export function dedupeCalls(calls: readonly ReportCall[]): ReportCall[] {
  return [...new Map(calls.map((c) => [c.id, c])).values()];
}

export type ReportFilter = {
  from: Date;
  to: Date;
  managerIds?: readonly string[];
  numbers?: readonly string[];
};

/** Our number in the call: the number dialed for incoming calls, the caller id for outgoing. */
export const companyNumber = (c: Pick<ReportCall, "direction" | "fromNumber" | "toNumber">) =>
  c.direction === "OUT" ? c.fromNumber : c.toNumber;

export function isInPeriod(c: ReportCall, filter: ReportFilter): boolean {
  const t = c.startedAt.getTime();
  if (t < filter.from.getTime() || t >= filter.to.getTime()) return false;
  if (filter.numbers?.length && !filter.numbers.includes(companyNumber(c))) return false;
  return true;
}

export type ManagerMetrics = { managerId: string | null; metrics: Metrics };

/**
 * Per manager and total, by the definitions above. The manager filter picks whose calls count;
 * the personal-client share is grouped by the client's personal manager instead.
 */
export function computeManagerReport(
  universe: readonly ReportCall[],
  filter: ReportFilter,
  opts: Omit<MetricOptions, "universe">,
): { managers: ManagerMetrics[]; total: Metrics } {
  const inPeriod = dedupeCalls(universe).filter((c) => isInPeriod(c, filter));
  const picked = (id: string | null) =>
    !filter.managerIds?.length || (id !== null && filter.managerIds.includes(id));
  const handled = inPeriod.filter((c) => isCounted(c) && picked(c.managerId));
  const personal = inPeriod.filter((c) => isPersonalIncoming(c) && picked(c.personalManagerId));
  const ids = new Set<string | null>([
    ...handled.map((c) => c.managerId),
    ...personal.map((c) => c.personalManagerId),
  ]);
  const full = { ...opts, universe };
  const managers = [...ids].map((managerId) => ({
    managerId,
    metrics: computeMetrics(
      handled.filter((c) => c.managerId === managerId),
      full,
      personal.filter((c) => c.personalManagerId === managerId),
    ),
  }));
  return { managers, total: computeMetrics(handled, full, personal) };
}

/**
 * Routing fallback used: the decision's explanation (RoutingDecision.explanation, an ordered list
 * of steps written by server/routing) reached a `{ kind: "fallback" }` step, i.e. the matched
 * rule's first-choice target was not the one used. Also accepts `{ steps: [...] }`.
 */
export function isFallbackExplanation(explanation: unknown): boolean {
  const steps: unknown =
    explanation && typeof explanation === "object" && !Array.isArray(explanation)
      ? (explanation as { steps?: unknown }).steps
      : explanation;
  return (
    Array.isArray(steps) &&
    steps.some((s) => !!s && typeof s === "object" && (s as { kind?: unknown }).kind === "fallback")
  );
}
