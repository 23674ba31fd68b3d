"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { ManagerItem } from "@/app/(console)/live/_components/manager-item";
import { PresenceSwitch } from "@/app/(console)/live/_components/presence-switch";
import { talkSecNow } from "@/app/(console)/live/_components/live-talk";
import type { LiveCall, ManagerStatus, Presence } from "@/app/(console)/live/_components/types";

type ManagersPanelProps = {
  managers: ManagerStatus[];
  calls: LiveCall[];
  /** The board's ticking clock: talk time of calls in progress grows with it. */
  now: number;
  currentUserId: string;
  myPresence: Presence;
};

export function ManagersPanel({
  managers,
  calls,
  now,
  currentUserId,
  myPresence,
}: ManagersPanelProps) {
  const { t } = useI18n();
  const self = managers.find((manager) => manager.id === currentUserId);
  return (
    <section
      aria-labelledby="live-managers-heading"
      className="overflow-hidden rounded-xl border border-slate-200 bg-white"
      data-testid="live-managers"
    >
      <div className="space-y-3 border-b border-slate-200 px-4 py-3">
        <h2 id="live-managers-heading" className="text-base font-semibold text-slate-900">
          {t("live.managersHeading")}
        </h2>
        <div>
          <p className="mb-1 text-xs font-medium text-slate-600">{t("live.myStatus")}</p>
          <PresenceSwitch current={self?.presence ?? myPresence} />
        </div>
      </div>
      {managers.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-600" data-testid="live-managers-empty">
          {t("live.managersEmpty")}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {managers.map((manager) => (
            <ManagerItem
              key={manager.id}
              manager={manager}
              talkSec={talkSecNow(manager, calls, now)}
              isSelf={manager.id === currentUserId}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
