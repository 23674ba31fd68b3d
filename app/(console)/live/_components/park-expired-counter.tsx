"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useCallUpdates } from "@/lib/realtime/use-call-updates";
import { useTRPC } from "@/lib/trpc/react";
import { cn } from "@/lib/ui/cn";

/** Parked calls the PBX routed itself today because Pult's decision came too late (1002). */
export function ParkExpiredCounter() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const counter = useQuery({
    ...trpc.routing.parkExpiredToday.queryOptions(),
    refetchInterval: 60_000,
  });
  useCallUpdates((calls) => {
    if (calls.some((call) => call.routing?.outcome === "TIMEOUT"))
      void queryClient.invalidateQueries({ queryKey: trpc.routing.parkExpiredToday.queryKey() });
  });
  if (!counter.data) return null;
  const count = counter.data.count;
  return (
    <span
      title={t("live.parkExpiredHint")}
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset",
        count > 0
          ? "bg-amber-50 text-amber-900 ring-amber-200"
          : "bg-slate-50 text-slate-600 ring-slate-200",
      )}
      data-testid="live-park-expired"
    >
      {t("live.parkExpiredToday")}: <span className="tabular-nums">{count}</span>
    </span>
  );
}
