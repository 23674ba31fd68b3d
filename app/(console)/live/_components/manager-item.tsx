"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { cn } from "@/lib/ui/cn";
import { formatDuration } from "@/lib/ui/format-duration";
import {
  displayStatus,
  type ManagerDisplayStatus,
} from "@/app/(console)/live/_components/live-cache";
import type { ManagerStatus } from "@/app/(console)/live/_components/types";

const dots: Record<ManagerDisplayStatus, string> = {
  AVAILABLE: "bg-emerald-500",
  talking: "bg-brand-600",
  ringing: "bg-amber-500 animate-pulse",
  BREAK: "bg-slate-400",
  OFFLINE: "bg-white ring-1 ring-slate-300",
};

type ManagerItemProps = {
  manager: ManagerStatus;
  /** Today's talk time including conversations in progress (see talkSecNow). */
  talkSec: number;
  isSelf: boolean;
};

export function ManagerItem({ manager, talkSec, isSelf }: ManagerItemProps) {
  const { t } = useI18n();
  const status = displayStatus(manager);
  return (
    <li
      className="px-4 py-3"
      data-testid="live-manager"
      data-manager-id={manager.id}
      data-status={status}
    >
      <div className="flex items-center gap-2">
        <span aria-hidden className={cn("size-2.5 shrink-0 rounded-full", dots[status])} />
        <p className="min-w-0 flex-1 truncate font-medium text-slate-900">
          {manager.name}
          {isSelf ? <span className="ml-1 text-xs text-slate-500">({t("live.you")})</span> : null}
        </p>
        <span className="text-xs text-slate-600" data-testid="live-manager-status">
          {t(`live.status.${status}`)}
        </span>
      </div>
      {manager.workplace && manager.workplace.name !== manager.name ? (
        <p className="mt-0.5 pl-4.5 text-xs text-slate-500">{manager.workplace.name}</p>
      ) : null}
      <dl className="mt-2 grid grid-cols-3 gap-2 pl-4.5 text-xs">
        <div>
          <dt className="text-slate-500">{t("live.todayAnswered")}</dt>
          <dd className="font-medium text-slate-900 tabular-nums">{manager.today.answered}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("live.todayMissed")}</dt>
          <dd
            className={cn(
              "font-medium tabular-nums",
              manager.today.missed > 0 ? "text-red-700" : "text-slate-900",
            )}
          >
            {manager.today.missed}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("live.todayTalk")}</dt>
          <dd className="font-medium text-slate-900 tabular-nums" data-testid="live-manager-talk">
            {formatDuration(talkSec)}
          </dd>
        </div>
      </dl>
    </li>
  );
}
