"use client";

import { useEffect, useMemo, useRef } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { cn } from "@/lib/ui/cn";
import { formatDuration } from "@/lib/ui/format-duration";
import { currentPhrases } from "@/app/(console)/_components/transcript/current-phrase";
import type { TranscriptSegmentView } from "@/app/(console)/_components/transcript/types";

type TranscriptDialogueProps = {
  segments: TranscriptSegmentView[];
  position: number;
  seek: (sec: number) => void;
};

/**
 * The transcript as a dialogue: the manager's phrases on the left, the client's on the right
 * (a mono recording's in one column), each with its time. The phrase being played is
 * highlighted and kept in view; a click or Enter on a phrase plays from there.
 */
export function TranscriptDialogue({ segments, position, seek }: TranscriptDialogueProps) {
  const { t } = useI18n();
  const listRef = useRef<HTMLOListElement>(null);
  const current = useMemo(() => currentPhrases(segments, position), [segments, position]);
  const firstCurrent = segments.find((s) => current.has(s))?.id;

  // Scrolls the list, not the page: the player stays where the user put it.
  useEffect(() => {
    const list = listRef.current;
    const item = firstCurrent
      ? list?.querySelector<HTMLElement>(`[data-id="${firstCurrent}"]`)
      : null;
    if (!list || !item) return;
    const top = item.offsetTop - list.offsetTop;
    if (top < list.scrollTop || top + item.offsetHeight > list.scrollTop + list.clientHeight)
      list.scrollTo({ top: Math.max(0, top - list.clientHeight / 3), behavior: "smooth" });
  }, [firstCurrent]);

  if (segments.length === 0)
    return <p className="text-sm text-slate-600">{t("transcript.empty")}</p>;
  const label = (party: TranscriptSegmentView["party"]) =>
    party === "MANAGER"
      ? t("transcript.manager")
      : party === "CLIENT"
        ? t("transcript.client")
        : t("transcript.speaker");
  return (
    <div className="space-y-2">
      <p className="text-xs text-slate-500">{t("transcript.hint")}</p>
      <ol
        ref={listRef}
        aria-label={t("transcript.listLabel")}
        className="relative max-h-96 space-y-2 overflow-y-auto rounded-md border border-slate-200 bg-slate-50 p-3"
        data-testid="transcript-dialogue"
      >
        {segments.map((segment) => {
          const isCurrent = current.has(segment);
          const isClient = segment.party === "CLIENT";
          return (
            <li
              key={segment.id}
              data-id={segment.id}
              className={cn("flex", isClient ? "justify-end" : "justify-start")}
            >
              <button
                type="button"
                onClick={() => seek(segment.startMs / 1000)}
                aria-current={isCurrent ? "true" : undefined}
                data-testid="transcript-phrase"
                data-start-ms={segment.startMs}
                data-party={segment.party ?? "UNKNOWN"}
                className={cn(
                  "focus-visible:ring-brand-500 max-w-[85%] rounded-lg border px-3 py-2 text-left text-sm transition-colors focus-visible:ring-2 focus-visible:outline-none",
                  isClient
                    ? "border-emerald-200 bg-emerald-50 hover:bg-emerald-100"
                    : "border-sky-200 bg-white hover:bg-sky-50",
                  isCurrent && "ring-brand-500 border-brand-500 ring-2",
                )}
              >
                <span className="mb-0.5 flex items-center gap-2 text-xs text-slate-500">
                  <span
                    className={cn("font-medium", isClient ? "text-emerald-800" : "text-sky-800")}
                  >
                    {label(segment.party)}
                  </span>
                  <span className="tabular-nums">{formatDuration(segment.startMs / 1000)}</span>
                </span>
                <span className="text-slate-900">{segment.text}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
