// What the PBX sent and what Pult kept: the simulator's delivery journal against the database.
import pg from "pg";
import { renderTable, type Table } from "@/scripts/bench/common";
import type { SimStats, Stack } from "@/server/testing/resilience/stack";

type Delivery = {
  seq: number;
  id: string;
  type: string;
  callId: string | null;
  ackedAtMs: number | null;
  attempts: number;
  status: number | null;
};

export type Counts = {
  /** Notifications the simulator emitted during the run. */
  sent: number;
  /** Of those, answered 2xx (on the first attempt or a redelivery). */
  acknowledged: number;
  /** Of those, in call_events (by notification id). */
  stored: number;
  /** Acknowledged but not in the database (must be 0). */
  lost: number;
  /** Extra call_events rows per notification id plus extra calls rows per PBX call (must be 0). */
  duplicated: number;
  /** Delivered only after one or more failed attempts. */
  redelivered: number;
  /** Gave up (the simulator's retries ran out). */
  givenUp: number;
  /** Attempts by outcome during the run ("200", "503", "error" = refused/reset/timeout). */
  attemptOutcomes: Record<string, number>;
  calls: number;
  /** PBX calls of the run with no row in Pult. */
  callsMissing: number;
  callsNotEnded: number;
  /** Calls filled in or completed from the PBX's history (calls.reconciled_at). */
  callsReconciled: number;
  /** Calls whose result in Pult differs from the PBX's. */
  callsWrongResult: number;
  /** Calls whose numbers in Pult differ from the PBX's (e.g. a start that never arrived). */
  callsWrongNumbers: number;
};

/** Where the run starts: deliveries and attempt outcomes before this are not counted. */
export type Mark = { seq: number; outcomes: Record<string, number> };

export async function markStart(stack: Stack): Promise<Mark> {
  const stats = await stack.stats();
  return { seq: stats.notifications.lastSeq, outcomes: stats.notifications.attemptOutcomes };
}

async function deliveriesSince(stack: Stack, after: number): Promise<Delivery[]> {
  const out: Delivery[] = [];
  for (let last = after; ;) {
    const page = await stack.sim<{ deliveries: Delivery[] }>(
      `/control/deliveries?after=${last}&limit=50000`,
    );
    out.push(...page.deliveries);
    const tail = page.deliveries.at(-1);
    if (!tail) return out;
    last = tail.seq;
  }
}

type SimCall = { callId: string; result: string | null; state: string; from: string; to: string };

/** Call only after stack.settle(): pending notifications would count as lost. */
export async function countRun(
  stack: Stack,
  databaseUrl: string,
  mark: Mark,
  final: SimStats,
): Promise<Counts> {
  const deliveries = await deliveriesSince(stack, mark.seq);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const ids = deliveries.map((d) => d.id);
    const events = await db.query<{ notification_id: string; n: string }>(
      `SELECT notification_id, count(*) AS n FROM call_events
       WHERE notification_id = ANY($1::text[]) GROUP BY notification_id`,
      [ids],
    );
    const storedCount = new Map(events.rows.map((r) => [r.notification_id, Number(r.n)]));
    const callIds = [...new Set(deliveries.flatMap((d) => (d.callId ? [d.callId] : [])))];
    const calls = await db.query<{
      external_id: string;
      state: string;
      result: string | null;
      n: string;
      reconciled: number;
      from_number: string;
      to_number: string;
    }>(
      `SELECT external_id, min(state::text) AS state, min(result::text) AS result, count(*) AS n,
         count(reconciled_at)::int AS reconciled, min(from_number) AS from_number,
         min(to_number) AS to_number
       FROM calls WHERE external_id = ANY($1::text[]) GROUP BY external_id`,
      [callIds],
    );
    const simCalls = await stack.sim<{ calls: SimCall[] }>("/control/calls?limit=100000");
    const pbxCall = new Map(simCalls.calls.map((c) => [c.callId, c]));

    const acked = deliveries.filter((d) => d.ackedAtMs !== null);
    const stored = deliveries.filter((d) => (storedCount.get(d.id) ?? 0) > 0).length;
    const ackedMissing = acked.filter((d) => !storedCount.has(d.id)).length;
    let duplicated = 0;
    for (const n of storedCount.values()) duplicated += Math.max(0, n - 1);
    for (const row of calls.rows) duplicated += Math.max(0, Number(row.n) - 1);
    const outcomes: Record<string, number> = {};
    for (const [key, n] of Object.entries(final.notifications.attemptOutcomes)) {
      const delta = n - (mark.outcomes[key] ?? 0);
      if (delta > 0) outcomes[key] = delta;
    }
    return {
      sent: deliveries.length,
      acknowledged: acked.length,
      stored,
      lost: ackedMissing,
      duplicated,
      redelivered: acked.filter((d) => d.attempts > 1).length,
      givenUp: deliveries.length - acked.length,
      attemptOutcomes: outcomes,
      calls: calls.rows.length,
      callsMissing: callIds.length - calls.rows.length,
      callsNotEnded: calls.rows.filter((r) => r.state !== "ENDED").length,
      callsReconciled: calls.rows.filter((r) => r.reconciled > 0).length,
      callsWrongResult: calls.rows.filter(
        (r) => r.result?.toLowerCase() !== (pbxCall.get(r.external_id)?.result ?? undefined),
      ).length,
      callsWrongNumbers: calls.rows.filter((r) => {
        const pbx = pbxCall.get(r.external_id);
        return pbx?.from !== r.from_number || pbx.to !== r.to_number;
      }).length,
    };
  } finally {
    await db.end();
  }
}

/** The count table (sent/acked/stored/lost/duplicated) and the details behind it, printable. */
export function renderCounts(title: string, counts: Counts, extra: Array<[string, string]> = []) {
  const outcomes = Object.entries(counts.attemptOutcomes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k}: ${n}`)
    .join(", ");
  const main: Table = {
    title,
    header: ["sent", "acked", "stored", "lost", "duplicated"],
    rows: [
      [counts.sent, counts.acknowledged, counts.stored, counts.lost, counts.duplicated].map(String),
    ],
  };
  const detail: Table = {
    title: "details",
    header: ["metric", "value"],
    rows: [
      ["redelivered (acked after failed attempts)", String(counts.redelivered)],
      ["given up by the PBX", String(counts.givenUp)],
      ["delivery attempts by outcome", outcomes || "none"],
      [
        "calls / missing / not ended / wrong result / wrong numbers",
        `${counts.calls} / ${counts.callsMissing} / ${counts.callsNotEnded} / ${counts.callsWrongResult} / ${counts.callsWrongNumbers}`,
      ],
      ["calls filled in from the PBX history", String(counts.callsReconciled)],
      ...extra,
    ],
  };
  return `${renderTable(main)}\n${renderTable(detail)}`;
}
