"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/lib/trpc/react";

// The integration's state, polled while a structure sync runs; when the sync ends the
// directory lists are refetched so new workplaces and numbers show up without a reload.
export function useSyncAwareIntegration() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const integration = useQuery(
    trpc.integration.get.queryOptions(undefined, {
      refetchInterval: (query) => (query.state.data?.sync.running ? 1_000 : false),
    }),
  );
  const isSyncing = integration.data?.sync.running ?? false;
  const wasSyncing = useRef(isSyncing);

  useEffect(() => {
    if (wasSyncing.current && !isSyncing) {
      void queryClient.invalidateQueries({ queryKey: trpc.directory.pathKey() });
    }
    wasSyncing.current = isSyncing;
  }, [isSyncing, queryClient, trpc]);

  return integration;
}
