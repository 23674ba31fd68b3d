// Per-call lanes of the fold (server/calls/live-path.ts): each call's events and its row as last
// written, kept in memory, so an event costs no re-read and no re-parse of the call's history.
// One writer per process takes dirty lanes in batches; a lane is in at most one batch at a time,
// so a call's writes (and pushes) happen in order. Pure bookkeeping: no I/O here.
import type { CallNotification } from "@/server/calls/fold";
import { callKey, type CallRowState } from "@/server/calls/fold-write";

export type Lane = {
  key: string;
  tenantId: string;
  externalId: string;
  /** Every event of the call this lane knows, by notification id. */
  events: Map<string, CallNotification>;
  /** Stored rows not yet folded into a write: rowId → notification id. */
  unfolded: Map<string, string>;
  /** fold_version of the call row as last written or loaded (0: no row known). */
  version: number;
  row: CallRowState | null;
  /** The lane may not hold all the call's events (new here, or another instance wrote it). */
  needsLoad: boolean;
  isUrgent: boolean;
  isInBatch: boolean;
  /** Consecutive failed writes, and when the next try may happen (epoch ms). */
  failures: number;
  retryAt: number;
  touchedAt: number;
  /** Resolved with the call row's id after the next write that folds in everything seen. */
  waiters: Array<(callRowId: string | null) => void>;
};

export type LaneRegistry = ReturnType<typeof createLaneRegistry>;

// A call's events arrive within minutes; an ended call's recordingReady may come later and then
// loads the call again. Bounded so a flood of calls cannot grow memory without end.
const IDLE_EVICT_MS = 120_000;
const MAX_IDLE_LANES = 20_000;

export function createLaneRegistry(now: () => number = Date.now) {
  const lanes = new Map<string, Lane>();
  const urgent = new Set<Lane>();
  const dirty = new Set<Lane>();
  let unfoldedTotal = 0;

  function get(tenantId: string, externalId: string): Lane {
    const key = callKey(tenantId, externalId);
    let lane = lanes.get(key);
    if (!lane) {
      lane = {
        key,
        tenantId,
        externalId,
        events: new Map(),
        unfolded: new Map(),
        version: 0,
        row: null,
        // Optimistic: a new call is written at version 1 without a load. If the row exists
        // (another instance, a restart), the version check fails and the lane loads it then.
        needsLoad: false,
        isUrgent: false,
        isInBatch: false,
        failures: 0,
        retryAt: 0,
        touchedAt: now(),
        waiters: [],
      };
      lanes.set(key, lane);
    }
    return lane;
  }

  function markDirty(lane: Lane): void {
    if (lane.isInBatch) return; // taken again when its batch settles
    if (lane.isUrgent) urgent.add(lane);
    else dirty.add(lane);
  }

  return {
    get,
    find: (tenantId: string, externalId: string) => lanes.get(callKey(tenantId, externalId)),
    /** An event stored in the inbox (or found unprocessed): the lane will fold it. */
    add(
      tenantId: string,
      event: CallNotification,
      rowId: string,
      opts: { isUrgent?: boolean; needsLoad?: boolean } = {},
    ): Lane {
      const lane = get(tenantId, event.data.callId);
      lane.touchedAt = now();
      lane.events.set(event.id, event);
      if (!lane.unfolded.has(rowId)) {
        lane.unfolded.set(rowId, event.id);
        unfoldedTotal++;
      }
      if (opts.isUrgent) lane.isUrgent = true;
      if (opts.needsLoad) lane.needsLoad = true;
      markDirty(lane);
      return lane;
    },
    /** Lanes to write next: parked calls first, then in the order they became dirty. */
    takeBatch(max: number): Lane[] {
      const batch: Lane[] = [];
      const at = now();
      for (const set of [urgent, dirty]) {
        for (const lane of set) {
          if (batch.length >= max) break;
          if (lane.retryAt > at) continue;
          set.delete(lane);
          lane.isInBatch = true;
          batch.push(lane);
        }
      }
      return batch;
    },
    /** After its batch: folded rows leave the backlog; anything left makes it dirty again. */
    release(lane: Lane, folded: Iterable<string>): void {
      for (const rowId of folded) if (lane.unfolded.delete(rowId)) unfoldedTotal--;
      lane.isInBatch = false;
      lane.touchedAt = now();
      if (lane.unfolded.size > 0 || lane.needsLoad) markDirty(lane);
      else lane.isUrgent = false;
    },
    /** Lanes whose failed write waits for its retry time (the loop polls for them). */
    hasWaiting: () => urgent.size + dirty.size > 0,
    nextRetryAt(): number | null {
      let next: number | null = null;
      for (const set of [urgent, dirty])
        for (const lane of set) if (next === null || lane.retryAt < next) next = lane.retryAt;
      return next;
    },
    /** Stored events not yet written into their call: the fold's backlog. */
    backlog: () => unfoldedTotal,
    size: () => lanes.size,
    /** Drops idle lanes of ended calls (and the oldest idle ones past the bound). */
    evict(): void {
      const at = now();
      const idle: Lane[] = [];
      for (const lane of lanes.values()) {
        const isIdle = !lane.isInBatch && lane.unfolded.size === 0 && lane.waiters.length === 0;
        if (!isIdle) continue;
        if (lane.row?.state === "ENDED" && at - lane.touchedAt > IDLE_EVICT_MS)
          lanes.delete(lane.key);
        else idle.push(lane);
      }
      if (idle.length <= MAX_IDLE_LANES) return;
      idle.sort((a, b) => a.touchedAt - b.touchedAt);
      for (const lane of idle.slice(0, idle.length - MAX_IDLE_LANES)) lanes.delete(lane.key);
    },
    clear(): void {
      lanes.clear();
      urgent.clear();
      dirty.clear();
      unfoldedTotal = 0;
    },
  };
}
