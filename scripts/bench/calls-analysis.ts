// From what the simulator sent, what the server stored and what the browsers received: throughput,
// latencies, and every notification lost or doubled. The same for Pult and for the floor server.
import { percentile } from "./common";
import type { TrafficResult } from "./calls-traffic";

/** One stored notification (inbox row). Times in epoch ms from the database's clock. */
export type StoredEvent = {
  id: string;
  /** The PBX's call id, for call events. */
  callId: string | null;
  /** Transaction start (Pult) or the insert (floor). */
  receivedAtMs: number;
  /** When the call row was updated (Pult) or the insert (floor); null if never applied. */
  processedAtMs: number | null;
  /** Label of the instance that stored it; null with one instance. */
  instance: string | null;
};

export type Stored = {
  events: StoredEvent[];
  /** How many rows each notification id has (must be 1). */
  copies: Map<string, number>;
  /** (tenant, notification id) groups with more than one row. */
  duplicateGroups: number;
  /** State per PBX call id; null where the server keeps no calls (the floor). */
  callStates: Map<string, string> | null;
};

export type ClientRecord = {
  role: "SUPERVISOR" | "MANAGER";
  /** Label of the instance its socket is connected to. */
  instance: string;
  /** Arrival times (wall ms) of pushes carrying the call, per PBX call id, in arrival order. */
  updates: Map<string, number[]>;
  ringing: Array<{ callId: string; at: number }>;
  managerUpdates: number;
  disconnects: number;
};

export type Spread = { p50: number; p95: number; p99: number; n: number };

const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const spread = (values: number[]): Spread => {
  values.sort((a, b) => a - b);
  return {
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    p99: round(percentile(values, 99)),
    n: values.length,
  };
};

export type RunMetrics = ReturnType<typeof analyseRun>;

export function analyseRun(input: {
  traffic: TrafficResult;
  stored: Stored;
  clients: ClientRecord[];
  durationSec: number;
}) {
  const { traffic, stored, clients } = input;
  const { deliveries } = traffic;
  const acked = deliveries.filter((d) => d.ackedAtMs !== null);
  let missingEvents = 0;
  let duplicateEvents = 0;
  for (const d of acked) {
    const n = stored.copies.get(d.id) ?? 0;
    if (n === 0) missingEvents++;
    if (n > 1) duplicateEvents += n - 1;
  }

  // Where the ack time goes (first attempts only: a retry's clock starts before the timeout).
  const byId = new Map(stored.events.map((e) => [e.id, e]));
  const beforeTx: number[] = [];
  const inTx: number[] = [];
  const afterApply: number[] = [];
  for (const d of acked) {
    const e = byId.get(d.id);
    if (!e || e.processedAtMs === null || d.attempts !== 1 || d.ackedAtMs === null) continue;
    beforeTx.push(e.receivedAtMs - d.sentAtMs);
    inTx.push(e.processedAtMs - e.receivedAtMs);
    afterApply.push(d.ackedAtMs - e.processedAtMs);
  }

  let callsMissing = 0;
  let callsNotEnded = 0;
  if (stored.callStates) {
    for (const id of new Set(deliveries.flatMap((d) => (d.callId ? [d.callId] : [])))) {
      const state = stored.callStates.get(id);
      if (state === undefined) callsMissing++;
      else if (state !== "ENDED") callsNotEnded++;
    }
  }

  // Pushes: every stored call event reaches every supervisor's board. Boards may get several
  // events of a call in one frame (Pult batches them), so an event counts as delivered by the
  // first frame with its call that the supervisor received after the event's transaction began,
  // and as lost if none came. (Stored, not acknowledged: an event committed whose 2xx the
  // simulator missed was still published.)
  const sentAt = new Map(deliveries.map((d) => [d.id, d.sentAtMs]));
  const ackedIds = new Set(acked.map((d) => d.id));
  const storedByCall = new Map<string, StoredEvent[]>();
  for (const e of stored.events) {
    if (!e.callId || e.processedAtMs === null) continue;
    const list = storedByCall.get(e.callId);
    if (list) list.push(e);
    else storedByCall.set(e.callId, [e]);
  }
  const push: number[] = [];
  const pushSame: number[] = [];
  const pushCross: number[] = [];
  let lostPushes = 0;
  let strayPushes = 0;
  for (const client of clients.filter((c) => c.role === "SUPERVISOR")) {
    for (const [callId, events] of storedByCall) {
      const got = client.updates.get(callId) ?? [];
      for (const event of events) {
        const arrived = got.find((t) => t >= (event.receivedAtMs ?? 0));
        if (arrived === undefined) {
          // One stored but still unacknowledged at the end may be on its way.
          if (ackedIds.has(event.id)) lostPushes++;
          continue;
        }
        const sent = sentAt.get(event.id);
        // Notifications still unsettled at the end have no known send time: counted, not timed.
        if (sent === undefined) continue;
        const latency = arrived - sent;
        push.push(latency);
        if (event.instance !== null)
          (event.instance === client.instance ? pushSame : pushCross).push(latency);
      }
    }
    // A push of a call the server never stored an event of.
    for (const [callId, got] of client.updates) {
      if (!storedByCall.has(callId)) strayPushes += got.length;
    }
  }

  // Screen pop: call:ringing at the manager, from the callDelivered that rang their workplace.
  const deliveredByCall = new Map<string, number[]>();
  for (const d of acked) {
    if (d.callId && (d.type === "callDelivered" || d.type === "callRedirected")) {
      const list = deliveredByCall.get(d.callId);
      if (list) list.push(d.sentAtMs);
      else deliveredByCall.set(d.callId, [d.sentAtMs]);
    }
  }
  const pops: number[] = [];
  let managerUpdates = 0;
  let managerCallUpdates = 0;
  for (const client of clients.filter((c) => c.role === "MANAGER")) {
    managerUpdates += client.managerUpdates;
    for (const got of client.updates.values()) managerCallUpdates += got.length;
    for (const ring of client.ringing) {
      const sent = (deliveredByCall.get(ring.callId) ?? []).filter((t) => t <= ring.at);
      if (sent.length > 0) pops.push(ring.at - Math.max(...sent));
    }
  }

  // Throughput over the steady window: after a short warm-up, until the traffic stopped.
  const warmupMs = Math.min(3000, (input.durationSec * 1000) / 4);
  const windowStart = traffic.trafficStart + warmupMs;
  const windowSec = (traffic.trafficStop - windowStart) / 1000;
  const inWindow = (t: number | null) => t !== null && t >= windowStart && t < traffic.trafficStop;
  const byType = new Map<string, number>();
  for (const d of deliveries) byType.set(d.type, (byType.get(d.type) ?? 0) + 1);
  const storedByInstance = new Map<string, number>();
  for (const e of stored.events) {
    if (e.instance !== null)
      storedByInstance.set(e.instance, (storedByInstance.get(e.instance) ?? 0) + 1);
  }
  const clientsByInstance = new Map<string, number>();
  for (const c of clients)
    clientsByInstance.set(c.instance, (clientsByInstance.get(c.instance) ?? 0) + 1);

  const ack = spread(acked.map((d) => (d.ackedAtMs ?? 0) - d.sentAtMs));
  // From the moment the PBX had the event: its own queue (a bounded number on the wire) included.
  const eventToAck = spread(acked.map((d) => (d.ackedAtMs ?? 0) - d.emittedAtMs));
  const stage = (list: number[]) => {
    const s = spread(list);
    return { p50: s.p50, p95: s.p95 };
  };
  return {
    notificationsPerSec: round(acked.filter((d) => inWindow(d.ackedAtMs)).length / windowSec),
    // Emitted, not sent: a receiver that falls behind slows the PBX's sending, not its calls.
    offeredNotificationsPerSec: round(
      deliveries.filter((d) => inWindow(d.emittedAtMs)).length / windowSec,
    ),
    ack,
    eventToAck,
    push: spread(push),
    pushSameInstance: spread(pushSame),
    pushCrossInstance: spread(pushCross),
    screenPop: spread(pops),
    lost: missingEvents + lostPushes,
    duplicated: duplicateEvents + stored.duplicateGroups + strayPushes,
    detail: {
      steadyWindowSec: round(windowSec, 2),
      callsGenerated: traffic.finalStats.traffic.generatedCalls,
      notificationsSent: deliveries.length,
      notificationsByType: Object.fromEntries(byType),
      acknowledged: acked.length,
      failedDeliveries: deliveries.length - acked.length,
      retriedDeliveries: deliveries.filter((d) => d.attempts > 1).length,
      missingCallEvents: missingEvents,
      duplicateCallEvents: duplicateEvents + stored.duplicateGroups,
      lostSupervisorPushes: lostPushes,
      strayPushes,
      supervisorPushesMeasured: push.length,
      screenPops: pops.length,
      managerCallUpdates,
      managerStatusUpdates: managerUpdates,
      callsMissingInDb: stored.callStates ? callsMissing : null,
      callsNotEndedInDb: stored.callStates ? callsNotEnded : null,
      socketDisconnects: clients.reduce((n, c) => n + c.disconnects, 0),
      pendingAtEnd: traffic.finalStats.notifications.pending,
      deliveriesSkippedBeforeTraffic: traffic.skippedBefore,
      storedByInstance: Object.fromEntries(storedByInstance),
      clientsByInstance: Object.fromEntries(clientsByInstance),
      // Ack latency split (first-attempt deliveries only), from the database's own timestamps.
      ackBreakdownMs: {
        sentToTransactionStart: stage(beforeTx),
        insertAndUpsertCall: stage(inTx),
        foldUpdateCommitPublishReply: stage(afterApply),
        deliveries: beforeTx.length,
      },
      loadAverageBefore: traffic.loadBefore,
      loadAverageAfter: traffic.loadAfter,
    },
  };
}
