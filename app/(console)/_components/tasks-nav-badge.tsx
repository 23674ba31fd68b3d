"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useOnReconnect, useRealtimeEvent } from "@/lib/realtime/socket-provider";
import { useTRPC } from "@/lib/trpc/react";
import { cn } from "@/lib/ui/cn";

/** The signed-in user's open callback tasks, next to "Tasks" in the navigation; kept live. */
export function TasksNavBadge({ isActive }: { isActive: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const count = useQuery(trpc.tasks.count.queryOptions(undefined, { staleTime: 60_000 }));
  const refresh = () =>
    void queryClient.invalidateQueries({ queryKey: trpc.tasks.count.queryKey() });
  useRealtimeEvent("task:updated", refresh);
  useOnReconnect(refresh);
  const open = count.data ?? 0;
  if (open === 0) return null;
  return (
    <span
      className={cn(
        "ml-auto min-w-5 rounded-full px-1.5 py-0.5 text-center text-xs font-semibold tabular-nums",
        isActive ? "bg-brand-600 text-white" : "bg-amber-100 text-amber-900",
      )}
      title={t("nav.tasksOpen", { count: open })}
      data-testid="nav-tasks-count"
    >
      {open > 99 ? "99+" : open}
    </span>
  );
}
