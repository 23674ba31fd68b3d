import { createHmac, randomUUID } from "node:crypto";
import type { Clock } from "@/server/pbx-simulator/clock";
import { createQueue, createTransport } from "@/server/pbx-simulator/delivery-transport";
import type { SimulatorLog } from "@/server/pbx-simulator/log";

export type NotificationType =
  | "settingsChanged"
  | "callStarted"
  | "callDelivered"
  | "callAnswered"
  | "callRedirected"
  | "callEnded"
  | "recordingReady";

export type DeliveryAttempt = {
  at: string;
  status: number | null;
  error: string | null;
  durationMs: number;
};

export type NotificationState = "queued" | "delivering" | "retrying" | "delivered" | "failed";

export type NotificationEntry = {
  id: string;
  type: NotificationType;
  occurredAt: string;
  data: Record<string, unknown>;
  callId: string | null;
  state: NotificationState;
  attempts: DeliveryAttempt[];
  nextAttemptAt: string | null;
};

export type NotifierOptions = {
  clock: Clock;
  targetUrl: () => string | undefined;
  secret: string;
  sign: boolean;
  retryDelaysMs: readonly number[];
  timeoutMs: number;
  log: SimulatorLog;
  /** Entries the log keeps (finished ones go first); default 20,000. */
  logLimit?: number;
};

// Old finished entries are dropped past this size so long traffic runs stay bounded.
const LOG_LIMIT = 20_000;
// Finished deliveries kept for GET /control/deliveries (benchmarks page through them).
const JOURNAL_LIMIT = 200_000;

/**
 * One finished delivery, for measuring the receiver: when the first attempt was sent and when a
 * 2xx came back, in wall-clock epoch milliseconds with sub-millisecond precision (real time even
 * under a manual clock, so the numbers compare with other processes on the same machine).
 */
export type DeliveryRecord = {
  seq: number;
  id: string;
  type: NotificationType;
  callId: string | null;
  /** When the event was emitted: the PBX's own queue (a bounded number on the wire) comes first. */
  emittedAtMs: number;
  sentAtMs: number;
  ackedAtMs: number | null;
  attempts: number;
  status: number | null;
};

/**
 * deliver: normal. hold: nothing is sent (as if the receiver were unreachable but the PBX kept
 * everything); switching back to deliver sends what was held. drop: new and pending
 * notifications fail at once, as if every retry had been used up.
 */
export type DeliveryMode = "deliver" | "hold" | "drop";

export type NotifierStats = {
  mode: DeliveryMode;
  emitted: number;
  delivered: number;
  failed: number;
  pending: number;
  attempts: number;
  /** Attempts by outcome: the HTTP status ("200", "503"…) or "error" (refused, reset, timeout). */
  attemptOutcomes: Record<string, number>;
  lastSeq: number;
};

const wallMs = () => performance.timeOrigin + performance.now();

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export type Notifier = ReturnType<typeof createNotifier>;

type StoredEntry = NotificationEntry & {
  body: string;
  signature?: string;
  /** When the PBX had the event to send (wall ms); it may wait for a free connection first. */
  emittedAtMs: number;
  firstSentAtMs?: number;
};

export function createNotifier(options: NotifierOptions) {
  const entries = new Map<string, StoredEntry>();
  // Per call, so GET /control/calls/:id and ?callId= do not walk the whole log.
  const byCall = new Map<string, StoredEntry[]>();
  // Finished entries in the order they finished: the ones trim() drops first, without a scan
  // over the pending ones (under load thousands of entries wait in front of them).
  const finishedOrder = createQueue<StoredEntry>();
  const journal: DeliveryRecord[] = [];
  const counts = { emitted: 0, delivered: 0, failed: 0, attempts: 0 };
  const outcomes: Record<string, number> = {};
  const transport = createTransport({ timeoutMs: options.timeoutMs });
  let isClosing = false;
  let mode: DeliveryMode = "deliver";
  const iso = () => new Date(options.clock.now()).toISOString();

  function forget(entry: StoredEntry): void {
    entries.delete(entry.id);
    if (entry.callId === null) return;
    const list = byCall.get(entry.callId);
    const rest = list?.filter((other) => other !== entry) ?? [];
    if (rest.length > 0) byCall.set(entry.callId, rest);
    else byCall.delete(entry.callId);
  }

  function trim(): void {
    while (entries.size > (options.logLimit ?? LOG_LIMIT)) {
      const oldest = finishedOrder.shift();
      if (!oldest) return; // everything left is still pending
      forget(oldest);
    }
  }

  function finish(entry: StoredEntry, ackedAtMs: number | null): void {
    if (ackedAtMs === null) counts.failed++;
    else counts.delivered++;
    finishedOrder.push(entry);
    trim();
    journal.push({
      seq: counts.delivered + counts.failed,
      id: entry.id,
      type: entry.type,
      callId: entry.callId,
      emittedAtMs: entry.emittedAtMs,
      sentAtMs: entry.firstSentAtMs ?? ackedAtMs ?? wallMs(),
      ackedAtMs,
      attempts: entry.attempts.length,
      status: entry.attempts.at(-1)?.status ?? null,
    });
    if (journal.length > JOURNAL_LIMIT) journal.splice(0, journal.length - JOURNAL_LIMIT / 2);
  }

  async function attempt(entry: StoredEntry): Promise<void> {
    // A retry timer may still fire for an entry that drop mode already failed.
    if (entry.state === "delivered" || entry.state === "failed") return;
    const url = options.targetUrl();
    if (mode === "drop" && !isClosing) {
      entry.state = "failed";
      entry.nextAttemptAt = null;
      finish(entry, null);
      return;
    }
    if (!url || isClosing || mode === "hold") {
      entry.state = "queued";
      entry.nextAttemptAt = null;
      return;
    }
    entry.state = "delivering";
    entry.nextAttemptAt = null;
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    // The same bytes on every redelivery, so the same signature: computed once.
    if (options.sign)
      headers["X-MTT-Signature"] = entry.signature ??= signBody(entry.body, options.secret);
    let startedAt = Date.now();
    let at = iso();
    counts.attempts++;
    const { status, error } = await transport.post(url, headers, entry.body, () => {
      // Sent now: a wait for a free connection is the PBX's, not the receiver's, time.
      startedAt = Date.now();
      at = iso();
      entry.firstSentAtMs ??= wallMs();
    });
    const record: DeliveryAttempt = { at, status, error, durationMs: Date.now() - startedAt };
    entry.attempts.push(record);
    const outcome = record.status === null ? "error" : String(record.status);
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    if (record.error === null) {
      entry.state = "delivered";
      finish(entry, wallMs());
      return;
    }
    if (isClosing) return;
    const delay = options.retryDelaysMs[entry.attempts.length - 1];
    if (delay === undefined) {
      entry.state = "failed";
      finish(entry, null);
      options.log.warn("notification delivery gave up", { id: entry.id, type: entry.type });
      return;
    }
    entry.state = "retrying";
    entry.nextAttemptAt = new Date(options.clock.now() + delay).toISOString();
    options.clock.setTimer(delay, () => void attempt(entry));
  }

  return {
    emit(type: NotificationType, data: Record<string, unknown>): NotificationEntry {
      const id = randomUUID();
      const occurredAt = iso();
      // The raw body is fixed once: every redelivery carries the same bytes and the same id.
      const body = JSON.stringify({ id, type, occurredAt, data });
      const callId = typeof data.callId === "string" ? data.callId : null;
      const entry = { id, type, occurredAt, data, callId, body, attempts: [], nextAttemptAt: null };
      const stored: StoredEntry = { ...entry, state: "queued", emittedAtMs: wallMs() };
      entries.set(id, stored);
      if (callId !== null) {
        const list = byCall.get(callId);
        if (list) list.push(stored);
        else byCall.set(callId, [stored]);
      }
      counts.emitted++;
      trim();
      void attempt(stored);
      return stored;
    },
    /** Delivers everything queued while no Redirect URI was registered. */
    flush(): void {
      for (const entry of entries.values()) {
        if (entry.state === "queued") void attempt(entry);
      }
    },
    setMode(next: DeliveryMode): void {
      mode = next;
      if (next === "hold") return;
      // Pending retries wait on their timers; held entries go out (or fail) now.
      for (const entry of entries.values()) {
        if (entry.state === "queued" || (next === "drop" && entry.state === "retrying"))
          void attempt(entry);
      }
    },
    mode: (): DeliveryMode => mode,
    list(filter: { callId?: string; type?: string } = {}): NotificationEntry[] {
      const source = filter.callId ? (byCall.get(filter.callId) ?? []) : entries.values();
      const out: NotificationEntry[] = [];
      for (const {
        body: _body,
        signature: _sig,
        firstSentAtMs: _sentAt,
        emittedAtMs: _emittedAt,
        ...entry
      } of source) {
        if (filter.type && entry.type !== filter.type) continue;
        out.push({ ...entry, attempts: [...entry.attempts] });
      }
      return out;
    },
    /** How many notifications of one call the log still holds. */
    countFor: (callId: string): number => byCall.get(callId)?.length ?? 0,
    /** Finished deliveries after sequence number `after`, oldest first. */
    deliveries(after: number, limit: number): DeliveryRecord[] {
      const first = journal[0]?.seq ?? 1;
      const start = Math.max(0, after + 1 - first);
      return journal.slice(start, start + limit);
    },
    stats(): NotifierStats {
      const finished = counts.delivered + counts.failed;
      return {
        mode,
        ...counts,
        attemptOutcomes: { ...outcomes },
        pending: counts.emitted - finished,
        lastSeq: finished,
      };
    },
    close(): void {
      isClosing = true;
      transport.close();
    },
  };
}
