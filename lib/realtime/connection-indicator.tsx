"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { cn } from "@/lib/ui/cn";
import { useConnectionStatus, type ConnectionStatus } from "@/lib/realtime/socket-provider";

const dots: Record<ConnectionStatus, string> = {
  connecting: "bg-slate-300",
  connected: "bg-emerald-500",
  reconnecting: "bg-amber-500 animate-pulse",
  offline: "bg-red-500",
};

// A small top-bar hint that the console is receiving live updates.
export function ConnectionIndicator() {
  const { t } = useI18n();
  const status = useConnectionStatus();
  return (
    <span
      role="status"
      data-testid="realtime-status"
      data-status={status}
      className="flex items-center gap-1.5 rounded-full px-2 py-1 text-xs font-medium text-slate-600"
    >
      <span aria-hidden className={cn("size-2 rounded-full", dots[status])} />
      <span className="sr-only sm:not-sr-only">{t(`realtime.${status}`)}</span>
    </span>
  );
}
