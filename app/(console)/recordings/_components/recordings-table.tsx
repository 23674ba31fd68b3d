"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { Badge, type BadgeTone } from "@/lib/ui/badge";
import { cn } from "@/lib/ui/cn";
import { formatDuration } from "@/lib/ui/format-duration";
import { formatPhone } from "@/lib/ui/format-phone";
import type { RecordingListItem } from "@/app/(console)/_components/recording-player/types";

const tones: Record<RecordingListItem["status"], BadgeTone> = {
  PENDING: "neutral",
  DOWNLOADING: "brand",
  READY: "success",
  FAILED: "danger",
  DELETED: "neutral",
};

type RecordingsTableProps = {
  items: RecordingListItem[];
  selectedId: string | null;
  onSelect: (id: string) => void;
};

export function RecordingsTable({ items, selectedId, onSelect }: RecordingsTableProps) {
  const { t, locale } = useI18n();
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <ul className="divide-y divide-slate-100" data-testid="recordings-list">
      {items.map((item) => {
        const date = dateFormat.format(item.call.startedAt);
        const otherParty =
          item.call.direction === "OUT" ? item.call.toNumber : item.call.fromNumber;
        const isSelected = item.id === selectedId;
        return (
          <li key={item.id}>
            <button
              type="button"
              onClick={() => onSelect(item.id)}
              aria-current={isSelected ? "true" : undefined}
              aria-label={t("recordings.listen", { date })}
              data-testid="recordings-item"
              data-recording-id={item.id}
              data-call-id={item.call.id}
              data-status={item.status}
              className={cn(
                "grid w-full grid-cols-[1fr_auto] items-center gap-x-4 gap-y-1 px-4 py-3 text-left text-sm transition-colors sm:grid-cols-[10rem_1fr_10rem_5rem_6rem]",
                isSelected ? "bg-brand-50" : "hover:bg-slate-50",
              )}
            >
              <span className="text-slate-700 tabular-nums">{date}</span>
              <span className="min-w-0 truncate font-medium text-slate-900">
                {item.call.client?.name ?? t("recordings.unknownClient")}
                <span className="ml-2 font-normal text-slate-500">{formatPhone(otherParty)}</span>
              </span>
              <span className="truncate text-slate-600">{item.call.manager?.name ?? "—"}</span>
              <span className="text-slate-700 tabular-nums">
                {item.durationSec !== null ? formatDuration(item.durationSec) : "—"}
              </span>
              <span>
                <Badge tone={tones[item.status]}>{t(`recordings.status.${item.status}`)}</Badge>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
