// From what the simulator sent, what the server stored and what the browsers received: throughput,
// latencies, and every notification lost or doubled. The same for Pult and for the floor server.
import type { Delivery, TrafficResult } from "@/scripts/bench/calls-traffic";
import {
  matchScreenPops,
  matchSupervisorPushes,
  type ClientRecord,
  type StoredEvent,
} from "@/scripts/bench/calls-matching";
import { percentile } from "@/scripts/bench/common";

export type { ClientRecord, StoredEvent };

export type Stored = {
  events: StoredEvent[];
  /** How many rows each notification id has (must be 1). */
  copies: Map<string, number>;
  /** (tenant, notification id) groups with more than one row. */
  duplicateGroups: number;
  /** State per PBX call id; null where the server keeps no calls (the floor). */
  callStates: Map<string, string> | null;
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

  const byId = new Map(stored.events.map((e) => [e.id, e]));
  const breakdown = ackBreakdown(acked, byId);

  let callsMissing = 0;
  let callsNotEnded = 0;
  if (stored.callStates) {
    for (const id of new Set(deliveries.flatMap((d) => (d.callId ? [d.callId] : [])))) {
      const state = stored.callStates.get(id);
      if (state === undefined) callsMissing++;
      else if (state !== "ENDED") callsNotEnded++;
    }
  }

  const pushes = matchSupervisorPushes({
    supervisors: clients.filter((c) => c.role === "SUPERVISOR"),
    events: stored.events,
    sentAtById: new Map(deliveries.map((d) => [d.id, d.sentAtMs])),
    ackedIds: new Set(acked.map((d) => d.id)),
  });
  const managers = clients.filter((c) => c.role === "MANAGER");
  const pops = matchScreenPops(managers, acked);
  let managerUpdates = 0;
  let managerCallUpdates = 0;
  for (const client of managers) {
    managerUpdates += client.managerUpdates;
    for (const got of client.updates.values()) managerCallUpdates += got.length;
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
  return {
    notificationsPerSec: round(acked.filter((d) => inWindow(d.ackedAtMs)).length / windowSec),
    // Emitted, not sent: a receiver that falls behind slows the PBX's sending, not its calls.
    offeredNotificationsPerSec: round(
      deliveries.filter((d) => inWindow(d.emittedAtMs)).length / windowSec,
    ),
    ack,
    eventToAck,
    push: spread(pushes.latencies),
    pushSameInstance: spread(pushes.sameInstance),
    pushCrossInstance: spread(pushes.crossInstance),
    pushMatchedBy: pushes.matchedBy,
    screenPop: spread(pops.latencies),
    lost: missingEvents + pushes.lost,
    duplicated: duplicateEvents + stored.duplicateGroups + pushes.stray + pushes.repeated,
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
      lostSupervisorPushes: pushes.lost,
      strayPushes: pushes.stray,
      repeatedPushes: pushes.repeated,
      supervisorPushesMeasured: pushes.latencies.length,
      screenPops: pops.latencies.length,
      screenPopsMatchedByEvent: pops.byEvent,
      managerCallUpdates,
      managerStatusUpdates: managerUpdates,
      callsMissingInDb: stored.callStates ? callsMissing : null,
      callsNotEndedInDb: stored.callStates ? callsNotEnded : null,
      socketDisconnects: clients.reduce((n, c) => n + c.disconnects, 0),
      pendingAtEnd: traffic.finalStats.notifications.pending,
      deliveriesSkippedBeforeTraffic: traffic.skippedBefore,
      storedByInstance: Object.fromEntries(storedByInstance),
      clientsByInstance: Object.fromEntries(clientsByInstance),
      ackBreakdownMs: breakdown,
      loadAverageBefore: traffic.loadBefore,
      loadAverageAfter: traffic.loadAfter,
    },
  };
}

/**
 * Where the acknowledgement's time goes, from the database's own timestamps (first attempts only:
 * a retry's clock starts before the timeout). queue = received_at − sent (network, parsing,
 * waiting for the group commit's flush); insert = acked − received_at (the INSERT, COMMIT and
 * the reply); fold = processed_at − received_at (off the request path on a server that folds
 * after acknowledging). A stage nothing was measured for has n = 0.
 */
export function ackBreakdown(
  acked: ReadonlyArray<Pick<Delivery, "id" | "sentAtMs" | "ackedAtMs" | "attempts">>,
  byId: ReadonlyMap<string, Pick<StoredEvent, "receivedAtMs" | "processedAtMs">>,
) {
  const queue: number[] = [];
  const insert: number[] = [];
  const fold: number[] = [];
  for (const d of acked) {
    const e = byId.get(d.id);
    if (!e || d.attempts !== 1 || d.ackedAtMs === null) continue;
    queue.push(e.receivedAtMs - d.sentAtMs);
    insert.push(d.ackedAtMs - e.receivedAtMs);
    if (e.processedAtMs !== null) fold.push(e.processedAtMs - e.receivedAtMs);
  }
  return {
    queue: spread(queue),
    insert: spread(insert),
    fold: spread(fold),
    deliveries: queue.length,
  };
}
