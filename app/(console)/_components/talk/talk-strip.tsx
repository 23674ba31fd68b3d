"use client";

import { useRef, type KeyboardEvent, type MouseEvent } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { cn } from "@/lib/ui/cn";
import { lanePieces, nextTurnStart } from "@/app/(console)/_components/talk/talk-lanes";

type TalkStripProps = {
  /** [manager, client] on a two-channel recording, [speech] on a mono one; ms, flat pairs. */
  lanes: number[][];
  total: number;
  position: number;
  onSeek: (time: number) => void;
};

const LANE_COLORS = ["bg-brand-600", "bg-amber-500"];

/**
 * "Who speaks when": one lane per party under the waveform, on the same time axis. A click
 * seeks there; with the strip focused, ←/→ go to the previous/next turn.
 */
export function TalkStrip({ lanes, total, position, onSeek }: TalkStripProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const isMono = lanes.length < 2;
  const labels = isMono ? [t("talk.laneSpeech")] : [t("talk.laneManager"), t("talk.laneClient")];
  const colorOf = (index: number) => (isMono ? "bg-slate-500" : (LANE_COLORS[index] ?? ""));
  const progress = total > 0 ? Math.min(1, position / total) : 0;

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const box = ref.current?.getBoundingClientRect();
    if (!box || box.width === 0 || total <= 0) return;
    onSeek(Math.min(1, Math.max(0, (event.clientX - box.left) / box.width)) * total);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    // The player's own ←/→ jump 10 s; inside the strip they go turn by turn instead.
    event.preventDefault();
    event.stopPropagation();
    const to = nextTurnStart(lanes, position, event.key === "ArrowRight" ? 1 : -1);
    if (to !== null) onSeek(to);
  };

  // Full width like the waveform above it, so a moment lines up in both; the legend is below.
  return (
    <div className="space-y-1" data-testid="talk-strip" data-lanes={lanes.length}>
      <div
        ref={ref}
        role="group"
        tabIndex={0}
        aria-label={t("talk.stripLabel")}
        aria-description={t("talk.stripHint")}
        title={t("talk.stripHint")}
        onClick={onClick}
        onKeyDown={onKeyDown}
        className="focus-visible:ring-brand-500 relative w-full cursor-pointer space-y-1 rounded-md bg-slate-50 py-1 focus-visible:ring-2 focus-visible:outline-none"
      >
        {lanes.map((lane, index) => (
          <div
            key={index}
            className="relative h-3"
            data-testid={`talk-lane-${index}`}
            data-pieces={lane.length / 2}
            aria-hidden="true"
          >
            {lanePieces(lane, total).map((piece) => (
              <span
                key={piece.startSec}
                className={cn("absolute inset-y-0 rounded-sm", colorOf(index))}
                style={{ left: `${piece.leftPct}%`, width: `${piece.widthPct}%` }}
              />
            ))}
          </div>
        ))}
        <span
          aria-hidden="true"
          className="bg-brand-700 absolute inset-y-0 w-0.5 rounded"
          style={{ left: `calc(${progress * 100}% - 1px)` }}
        />
      </div>
      <p className="flex flex-wrap gap-x-4 text-xs text-slate-600">
        {labels.map((label, index) => (
          <span key={label} className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className={cn("size-2.5 rounded-sm", colorOf(index))} />
            {label}
          </span>
        ))}
      </p>
    </div>
  );
}
