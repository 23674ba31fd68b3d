"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { parseManagerStatus } from "@/lib/realtime/live-payloads";
import { useCallUpdates } from "@/lib/realtime/use-call-updates";
import {
  useConnectionStatus,
  useOnReconnect,
  useRealtimeEvent,
} from "@/lib/realtime/socket-provider";
import { useTRPC } from "@/lib/trpc/react";
import { mergeCall, mergeManager } from "@/app/(console)/live/_components/live-cache";
import type { LiveData } from "@/app/(console)/live/_components/types";

const POLL_WHILE_OFFLINE_MS = 10_000;

// calls.live is the truth; socket events patch it in between, and every (re)connect refetches
// it because deltas sent while disconnected are lost.
export function useLiveData() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queryKey = trpc.calls.live.queryKey();
  const isConnected = useConnectionStatus() === "connected";
  // While the socket is down the board polls, so it never silently freezes.
  const live = useQuery(
    trpc.calls.live.queryOptions(undefined, {
      staleTime: isConnected ? Infinity : 0,
      refetchInterval: isConnected ? false : POLL_WHILE_OFFLINE_MS,
    }),
  );

  const patch = (update: (data: LiveData) => LiveData) =>
    queryClient.setQueryData(queryKey, (data) => (data ? update(data) : data));

  useCallUpdates((calls) => patch((data) => calls.reduce(mergeCall, data)));
  useRealtimeEvent("managers:updated", (payload) => {
    const managers = (Array.isArray(payload) ? payload : [])
      .map((m) => parseManagerStatus(m))
      .filter((m) => m !== null);
    if (managers.length > 0)
      patch((data) => managers.reduce((next, manager) => mergeManager(next, manager), data));
  });
  useOnReconnect(() => void queryClient.invalidateQueries({ queryKey }));

  return live;
}
