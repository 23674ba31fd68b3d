// The inbox's group commit: the PBX's acknowledgement costs what one INSERT costs. One writer
// per process; every notification that arrives while a flush is in flight goes into the next
// flush, as one multi-row INSERT … ON CONFLICT DO NOTHING RETURNING (one round trip, its own
// transaction). A request is answered when its row is durable; a redelivery (same tenant and
// notification id) is answered as a duplicate and goes no further. A failed flush rejects its
// requests (the PBX resends them) and loses nothing: nothing it held was acknowledged.
// Hand-written rather than a queue library: the batch is one SQL statement and its lifetime is
// a few milliseconds; a job queue would add the round trips this exists to remove.
import type pg from "pg";

export type InboxRow = {
  tenantId: string;
  notificationId: string;
  type: string;
  occurredAt: Date;
  /** The notification as received (valid JSON text). */
  payload: string;
  /** The PBX's callId for call events; null for events of no call (settingsChanged). */
  callExternalId: string | null;
  /** Stored as already processed: nothing folds it (settingsChanged). */
  isProcessed: boolean;
  /** A parked call's callStarted: taken first when the queue is longer than one flush. */
  isUrgent: boolean;
};

/** A row this flush inserted, with its call_events.id. */
export type StoredRow<R extends InboxRow = InboxRow> = { row: R; rowId: string };
export type InboxOutcome = { isDuplicate: false; rowId: string } | { isDuplicate: true };

type Waiting<R extends InboxRow> = {
  row: R;
  resolve: (outcome: InboxOutcome) => void;
  reject: (error: Error) => void;
};

export type Inbox<R extends InboxRow = InboxRow> = {
  /** Resolves once the row is durable, or known to be stored already; rejects if it is not. */
  store(row: R): Promise<InboxOutcome>;
  /** Rows waiting for a flush, the flush in progress included. */
  size(): number;
};

type Query = (text: string, values: unknown[]) => Promise<pg.QueryResult>;

const INSERT_SQL = `INSERT INTO call_events
    (id, tenant_id, notification_id, type, occurred_at, payload, call_external_id, received_at, processed_at)
  SELECT gen_random_uuid(), v.tenant_id, v.notification_id, v.type, v.occurred_at, v.payload::jsonb,
    v.call_external_id, clock_timestamp(), CASE WHEN v.is_processed THEN clock_timestamp() END
  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::bool[])
    AS v(tenant_id, notification_id, type, occurred_at, payload, call_external_id, is_processed)
  ON CONFLICT (tenant_id, notification_id) DO NOTHING
  RETURNING id, tenant_id, notification_id`;

const keyOf = (tenantId: string, notificationId: string) => `${tenantId}\u0000${notificationId}`;

/** SQLSTATE classes 22 (data exception) and 23 (integrity): the row, not the database, failed. */
function isRowError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("22") || code.startsWith("23"));
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

export function createInbox<R extends InboxRow>(opts: {
  query: Query;
  /**
   * After every flush, with the rows it inserted (maybe none), before their requests are
   * answered. Must not throw.
   */
  onStored: (rows: Array<StoredRow<R>>) => void;
  maxBatch?: number;
}): Inbox<R> {
  const maxBatch = opts.maxBatch ?? 1000;
  let queue: Waiting<R>[] = [];
  let inFlight = 0;
  let isFlushing = false;

  async function insert(batch: Waiting<R>[]): Promise<Map<string, string>> {
    const rows = batch.map((w) => w.row);
    const result = await opts.query(INSERT_SQL, [
      rows.map((r) => r.tenantId),
      rows.map((r) => r.notificationId),
      rows.map((r) => r.type),
      rows.map((r) => r.occurredAt),
      rows.map((r) => r.payload),
      rows.map((r) => r.callExternalId),
      rows.map((r) => r.isProcessed),
    ]);
    const ids = new Map<string, string>();
    for (const r of result.rows as Array<{
      id: string;
      tenant_id: string;
      notification_id: string;
    }>)
      ids.set(keyOf(r.tenant_id, r.notification_id), r.id);
    return ids;
  }

  function settle(batch: Waiting<R>[], ids: Map<string, string>): void {
    const stored: Array<StoredRow<R>> = [];
    const answers: Array<() => void> = [];
    // Two copies of one notification in one flush: the first is stored, the second a duplicate.
    const claimed = new Set<string>();
    for (const waiting of batch) {
      const key = keyOf(waiting.row.tenantId, waiting.row.notificationId);
      const rowId = ids.get(key);
      if (rowId && !claimed.has(key)) {
        claimed.add(key);
        stored.push({ row: waiting.row, rowId });
        answers.push(() => waiting.resolve({ isDuplicate: false, rowId }));
      } else answers.push(() => waiting.resolve({ isDuplicate: true }));
    }
    opts.onStored(stored);
    for (const answer of answers) answer();
  }

  async function flushBatch(batch: Waiting<R>[]): Promise<void> {
    // Within one statement a repeated key is skipped by ON CONFLICT: send each key once.
    const unique = new Map<string, Waiting<R>>();
    for (const w of batch) unique.set(keyOf(w.row.tenantId, w.row.notificationId), w);
    try {
      settle(batch, await insert([...unique.values()]));
      return;
    } catch (error) {
      if (!isRowError(error) || unique.size === 1) {
        for (const w of batch) w.reject(asError(error));
        return;
      }
    }
    // One row the database refuses must not fail the others with it: each alone.
    for (const w of unique.values()) {
      const same = batch.filter(
        (b) => b.row.tenantId === w.row.tenantId && b.row.notificationId === w.row.notificationId,
      );
      try {
        settle(same, await insert([w]));
      } catch (error) {
        for (const s of same) s.reject(asError(error));
      }
    }
  }

  async function flush(): Promise<void> {
    isFlushing = true;
    try {
      while (queue.length > 0) {
        let batch: Waiting<R>[];
        if (queue.length <= maxBatch) {
          batch = queue;
          queue = [];
        } else {
          // More than one flush can take: parked calls first, the rest in arrival order.
          const ordered = [
            ...queue.filter((w) => w.row.isUrgent),
            ...queue.filter((w) => !w.row.isUrgent),
          ];
          batch = ordered.slice(0, maxBatch);
          queue = ordered.slice(maxBatch);
        }
        inFlight = batch.length;
        await flushBatch(batch);
        inFlight = 0;
      }
    } finally {
      isFlushing = false;
      inFlight = 0;
    }
  }

  return {
    store(row) {
      return new Promise<InboxOutcome>((resolve, reject) => {
        queue.push({ row, resolve, reject });
        if (!isFlushing) void flush();
      });
    },
    size: () => queue.length + inFlight,
  };
}
