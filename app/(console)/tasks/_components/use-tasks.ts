"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useOnReconnect, useRealtimeEvent } from "@/lib/realtime/socket-provider";
import type { TaskAssigneeFilter, TaskStatus } from "@/lib/schemas/tasks";
import { useTRPC } from "@/lib/trpc/react";

// The list is the truth; task:updated is only a hint to refetch it (and the count).
export function useTasks(filter: { status: TaskStatus; assignee: TaskAssigneeFilter }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useInfiniteQuery(
    trpc.tasks.list.infiniteQueryOptions(filter, {
      getNextPageParam: (page) => page.nextCursor ?? undefined,
    }),
  );
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.tasks.list.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.tasks.count.queryKey() });
  };
  useRealtimeEvent("task:updated", refresh);
  useOnReconnect(refresh);
  return { query, refresh };
}
