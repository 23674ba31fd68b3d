"use client";

import { hashKey, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { parseManagerPatch } from "@/lib/realtime/live-payloads";
import { useCallUpdates } from "@/lib/realtime/use-call-updates";
import {
  useConnectionStatus,
  useOnReconnect,
  useRealtimeEvent,
} from "@/lib/realtime/socket-provider";
import { useTRPC } from "@/lib/trpc/react";
import { isUnknownPartial, mergeManager } from "@/app/(console)/live/_components/live-cache";
import { applyCallUpdates, createPushLog } from "@/app/(console)/live/_components/live-sync";
import type { LiveData } from "@/app/(console)/live/_components/types";

const POLL_WHILE_OFFLINE_MS = 10_000;

// calls.live is the truth; socket events patch it in between, and every (re)connect refetches
// it because deltas sent while disconnected are lost. Pushes that arrive while it is being
// fetched are laid over its answer, which may be older than they are (see live-sync.ts).
export function useLiveData() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queryKey = trpc.calls.live.queryKey();
  const queryHash = hashKey(queryKey);
  const isConnected = useConnectionStatus() === "connected";
  const [pushLog] = useState(createPushLog);

  // Before useQuery, so that the first answer passes through it too. Any fetch of the query
  // counts (invalidation, polling, another component's), so the cache is watched, not a queryFn.
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.type !== "updated" || event.query.queryHash !== queryHash) return;
        if (event.action.type === "error") pushLog.clear();
        if (event.action.type !== "success" || event.action.manual || pushLog.isEmpty()) return;
        // Still inside the answer's notification: the board never renders it without them.
        let needsRefetch = false;
        queryClient.setQueryData(trpc.calls.live.queryKey(), (data) => {
          if (!data) return data;
          const laid = pushLog.layOver(data);
          needsRefetch = laid.needsRefetch;
          return laid.data;
        });
        // A patch built on a push the answer predates, and the log no longer has it.
        if (needsRefetch)
          void queryClient.invalidateQueries({ queryKey: trpc.calls.live.queryKey() });
      }),
    [queryClient, queryHash, pushLog, trpc],
  );

  // While the socket is down the board polls, so it never silently freezes.
  const live = useQuery(
    trpc.calls.live.queryOptions(undefined, {
      staleTime: isConnected ? Infinity : 0,
      refetchInterval: isConnected ? false : POLL_WHILE_OFFLINE_MS,
    }),
  );

  const patch = (update: (data: LiveData) => LiveData) =>
    queryClient.setQueryData(queryKey, (data) => (data ? update(data) : data));

  useCallUpdates((calls) => {
    if (queryClient.getQueryState(queryKey)?.fetchStatus === "fetching")
      for (const call of calls) pushLog.record(call);
    let needsRefetch = false;
    patch((data) => {
      const applied = applyCallUpdates(data, calls);
      needsRefetch = applied.needsRefetch;
      return applied.data;
    });
    // A patch of a call this board lacks or missed a push of: the database has it. A fetch on
    // its way already logs this push and lays it over its answer.
    if (needsRefetch && queryClient.getQueryState(queryKey)?.fetchStatus !== "fetching")
      void queryClient.invalidateQueries({ queryKey });
  });
  useRealtimeEvent("managers:updated", (payload) => {
    const managers = (Array.isArray(payload) ? payload : [])
      .map((m) => parseManagerPatch(m))
      .filter((m) => m !== null);
    if (managers.length === 0) return;
    const cached = queryClient.getQueryData(queryKey);
    if (cached && managers.some((m) => isUnknownPartial(cached, m)))
      void queryClient.invalidateQueries({ queryKey });
    patch((data) => managers.reduce((next, manager) => mergeManager(next, manager), data));
  });
  useOnReconnect(() => void queryClient.invalidateQueries({ queryKey }));

  return live;
}
