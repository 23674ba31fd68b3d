"use client";

import { parseCallUpdate, type CallUpdate } from "@/lib/realtime/live-payloads";
import { useRealtimeEvent } from "@/lib/realtime/socket-provider";

/**
 * Every call change this browser is told about, one call at a time: a manager's own calls come
 * as call:updated, a supervisor's board as calls:updated batches, where a call may be a patch of
 * the fields that changed (CallPatch). Malformed entries are skipped.
 */
export function useCallUpdates(handler: (calls: CallUpdate[]) => void): void {
  const deliver = (payloads: unknown[]) => {
    const calls = payloads.map((p) => parseCallUpdate(p)).filter((c) => c !== null);
    if (calls.length > 0) handler(calls);
  };
  useRealtimeEvent("call:updated", (payload) => deliver([payload]));
  useRealtimeEvent("calls:updated", (payload) => deliver(Array.isArray(payload) ? payload : []));
}
