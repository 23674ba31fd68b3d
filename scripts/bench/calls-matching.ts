// What each browser received, and which stored notification each push answered. A server that
// names the notifications it folded into each pushed call (`eventIds`; the floor's `id`) is
// matched event by event; one that does not is matched by call: the first frame with the call
// after the event was stored.
import { z } from "zod";

/** One stored notification (inbox row). Times in epoch ms from the database's clock. */
export type StoredEvent = {
  id: string;
  /** The PBX's call id, for call events. */
  callId: string | null;
  /** When the row was written (the inbox insert; the transaction's start on older servers). */
  receivedAtMs: number;
  /** When the fold wrote the call row for it (the insert for the floor); null if never applied. */
  processedAtMs: number | null;
  /** Label of the instance that stored it; null with one instance. */
  instance: string | null;
};

export type ClientRecord = {
  role: "SUPERVISOR" | "MANAGER";
  /** Label of the instance its socket is connected to. */
  instance: string;
  /** Arrival times (wall ms) of pushes carrying the call, per PBX call id, in arrival order. */
  updates: Map<string, number[]>;
  /** First arrival (wall ms) of each notification id a push named. */
  eventArrivals: Map<string, number>;
  /** Notification ids a push named again after an earlier push had named them. */
  repeatedEventIds: number;
  /** Whether any push carried eventIds. */
  sendsEventIds: boolean;
  ringing: Array<{ callId: string; at: number; eventIds: string[] | null }>;
  managerUpdates: number;
  disconnects: number;
  /** Bytes of Socket.IO messages received (the encoded packets, as they crossed the socket). */
  bytesReceived: number;
  /** The same by event name ("calls:updated", …). */
  bytesByEvent: Map<string, number>;
};

export function newClientRecord(role: ClientRecord["role"], instance: string): ClientRecord {
  return {
    role,
    instance,
    updates: new Map(),
    eventArrivals: new Map(),
    repeatedEventIds: 0,
    sendsEventIds: false,
    ringing: [],
    managerUpdates: 0,
    disconnects: 0,
    bytesReceived: 0,
    bytesByEvent: new Map(),
  };
}

/** Counts what a connected socket receives into record.bytesReceived from now on. */
export function countBytes(
  socket: { io: { engine: { on(event: "data", fn: (data: unknown) => void): unknown } } },
  record: ClientRecord,
): void {
  socket.io.engine.on("data", (data) => {
    const bytes =
      typeof data === "string"
        ? Buffer.byteLength(data)
        : data instanceof ArrayBuffer || ArrayBuffer.isView(data)
          ? data.byteLength
          : 0;
    record.bytesReceived += bytes;
    // A Socket.IO event packet: 2["name",…] (with a namespace or ack id before the bracket).
    const name = typeof data === "string" ? (EVENT_NAME.exec(data)?.[1] ?? "other") : "binary";
    record.bytesByEvent.set(name, (record.bytesByEvent.get(name) ?? 0) + bytes);
  });
}

const EVENT_NAME = /^2[^[]*\["([^"]{1,64})"/;

/** The part of a pushed LiveCall the bench reads; outside data, so parsed. */
export const pushedCallSchema = z.object({
  id: z.string().optional(),
  // A patch (only the fields that changed) names the call by its row id alone.
  externalId: z.string().optional(),
  eventIds: z.array(z.string()).optional(),
});

/**
 * The PBX call id of a pushed call: its own, or the one an earlier full push gave its row id
 * (`names`, shared by every client of a run). Null for a patch of a call never seen in full.
 */
export function pushedCallId(
  call: z.infer<typeof pushedCallSchema>,
  names: Map<string, string>,
): string | null {
  if (call.externalId) {
    if (call.id) names.set(call.id, call.externalId);
    return call.externalId;
  }
  return call.id ? (names.get(call.id) ?? null) : null;
}

/** One call in a frame that arrived at `at`; `eventIds` undefined when the server sends none. */
export function recordPush(
  record: ClientRecord,
  callId: string,
  eventIds: readonly string[] | undefined,
  at: number,
): void {
  const list = record.updates.get(callId);
  if (list) list.push(at);
  else record.updates.set(callId, [at]);
  if (eventIds === undefined) return;
  record.sendsEventIds = true;
  for (const id of eventIds) {
    if (record.eventArrivals.has(id)) record.repeatedEventIds++;
    else record.eventArrivals.set(id, at);
  }
}

export type PushMatch = {
  /** "event": by the notification ids the server named; "call": by call (it names none). */
  matchedBy: "event" | "call";
  latencies: number[];
  sameInstance: number[];
  crossInstance: number[];
  /** Stored events some supervisor never got (only acknowledged ones: the rest may be on the way). */
  lost: number;
  /** Pushes of events (or, matched by call, of calls) the server never stored. */
  stray: number;
  /** Events a supervisor was sent more than once. */
  repeated: number;
};

/**
 * Every stored call event must reach every supervisor's board. Latency = arrival of the first
 * frame that carries it − when the PBX sent it (events whose send time is unknown are counted,
 * not timed).
 */
export function matchSupervisorPushes(input: {
  supervisors: readonly ClientRecord[];
  events: readonly StoredEvent[];
  sentAtById: ReadonlyMap<string, number>;
  ackedIds: ReadonlySet<string>;
}): PushMatch {
  const { supervisors, events, sentAtById, ackedIds } = input;
  const byEvent = supervisors.some((c) => c.sendsEventIds);
  const result: PushMatch = {
    matchedBy: byEvent ? "event" : "call",
    latencies: [],
    sameInstance: [],
    crossInstance: [],
    lost: 0,
    stray: 0,
    repeated: 0,
  };
  const time = (client: ClientRecord, event: StoredEvent, arrived: number | undefined) => {
    if (arrived === undefined) {
      if (ackedIds.has(event.id)) result.lost++;
      return;
    }
    const sent = sentAtById.get(event.id);
    if (sent === undefined) return;
    const latency = arrived - sent;
    result.latencies.push(latency);
    if (event.instance !== null)
      (event.instance === client.instance ? result.sameInstance : result.crossInstance).push(
        latency,
      );
  };

  if (byEvent) {
    const callEvents = events.filter((e) => e.callId !== null);
    const storedIds = new Set(events.map((e) => e.id));
    for (const client of supervisors) {
      for (const event of callEvents) time(client, event, client.eventArrivals.get(event.id));
      for (const id of client.eventArrivals.keys()) if (!storedIds.has(id)) result.stray++;
      result.repeated += client.repeatedEventIds;
    }
    return result;
  }

  // By call: several events of a call may share one frame, so an event counts as delivered by the
  // first frame with its call received after it was stored.
  const byCall = new Map<string, StoredEvent[]>();
  for (const e of events) {
    if (!e.callId || e.processedAtMs === null) continue;
    const list = byCall.get(e.callId);
    if (list) list.push(e);
    else byCall.set(e.callId, [e]);
  }
  for (const client of supervisors) {
    for (const [callId, callEvents] of byCall) {
      const got = client.updates.get(callId) ?? [];
      for (const event of callEvents)
        time(
          client,
          event,
          got.find((t) => t >= event.receivedAtMs),
        );
    }
    for (const [callId, got] of client.updates) if (!byCall.has(callId)) result.stray += got.length;
  }
  return result;
}

const RINGS = new Set(["callDelivered", "callRedirected"]);

/**
 * Screen pop: call:ringing at the manager − when the PBX sent the callDelivered (or
 * callRedirected) that rang their workplace: the one the frame names, else the latest of the
 * call sent before the pop arrived.
 */
export function matchScreenPops(
  managers: readonly ClientRecord[],
  deliveries: ReadonlyArray<{ id: string; type: string; callId: string | null; sentAtMs: number }>,
): { latencies: number[]; byEvent: number; byCall: number } {
  const ringSent = new Map<string, number>();
  const ringsByCall = new Map<string, number[]>();
  for (const d of deliveries) {
    if (!d.callId || !RINGS.has(d.type)) continue;
    ringSent.set(d.id, d.sentAtMs);
    const list = ringsByCall.get(d.callId);
    if (list) list.push(d.sentAtMs);
    else ringsByCall.set(d.callId, [d.sentAtMs]);
  }
  const result = { latencies: [] as number[], byEvent: 0, byCall: 0 };
  for (const client of managers) {
    for (const ring of client.ringing) {
      const named = (ring.eventIds ?? []).flatMap((id) => {
        const sent = ringSent.get(id);
        return sent === undefined ? [] : [sent];
      });
      if (named.length > 0) {
        result.latencies.push(ring.at - Math.max(...named));
        result.byEvent++;
        continue;
      }
      const before = (ringsByCall.get(ring.callId) ?? []).filter((t) => t <= ring.at);
      if (before.length === 0) continue;
      result.latencies.push(ring.at - Math.max(...before));
      result.byCall++;
    }
  }
  return result;
}
