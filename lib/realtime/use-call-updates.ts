"use client";

import { parseLiveCall } from "@/lib/realtime/live-payloads";
import { useRealtimeEvent } from "@/lib/realtime/socket-provider";
import type { LiveCall } from "@/lib/realtime/events";

/**
 * Every call change this browser is told about, one call at a time: a manager's own calls come
 * as call:updated, a supervisor's board as calls:updated batches. Malformed entries are skipped.
 */
export function useCallUpdates(handler: (calls: LiveCall[]) => void): void {
  const deliver = (payloads: unknown[]) => {
    const calls = payloads.map((p) => parseLiveCall(p)).filter((c) => c !== null);
    if (calls.length > 0) handler(calls);
  };
  useRealtimeEvent("call:updated", (payload) => deliver([payload]));
  useRealtimeEvent("calls:updated", (payload) => deliver(Array.isArray(payload) ? payload : []));
}
