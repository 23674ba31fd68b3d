"use client";

import { useMemo, useRef, useState, type PointerEvent } from "react";
import { formatDuration } from "@/lib/ui/format-duration";
import { cn } from "@/lib/ui/cn";
import type { PlayerMark } from "@/app/(console)/_components/recording-player/player-link";
import { combinePeaks, type Segment } from "@/app/(console)/_components/recording-player/timeline";

const BARS = 160;

type WaveformProps = {
  files: Array<{ peaks: number[] | null }>;
  segments: Segment[];
  total: number;
  position: number;
  label: string;
  valueText: (elapsed: string, total: string) => string;
  onSeek: (time: number) => void;
  /** Pinned comments of an evaluation: a click seeks there. */
  marks?: PlayerMark[];
};

/** The seek bar: stored peaks drawn as bars, played part coloured; a slider for assistive tech. */
export function Waveform(props: WaveformProps) {
  const { files, segments, total, position } = props;
  const bars = useMemo(() => combinePeaks(files, segments, BARS), [files, segments]);
  const ref = useRef<HTMLDivElement>(null);
  const [dragAt, setDragAt] = useState<number | null>(null);
  const shown = dragAt ?? position;
  const progress = total > 0 ? Math.min(1, shown / total) : 0;

  const timeAt = (clientX: number) => {
    const box = ref.current?.getBoundingClientRect();
    if (!box || box.width === 0) return 0;
    return Math.min(1, Math.max(0, (clientX - box.left) / box.width)) * total;
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (total <= 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    setDragAt(timeAt(event.clientX));
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (dragAt !== null) setDragAt(timeAt(event.clientX));
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (dragAt === null) return;
    props.onSeek(timeAt(event.clientX));
    setDragAt(null);
  };

  return (
    <div
      ref={ref}
      role="slider"
      tabIndex={0}
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={Math.round(total)}
      aria-valuenow={Math.round(shown)}
      aria-valuetext={props.valueText(formatDuration(shown), formatDuration(total))}
      data-testid="player-waveform"
      data-progress={progress.toFixed(3)}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setDragAt(null)}
      className="focus-visible:ring-brand-500 relative h-14 w-full cursor-pointer touch-none rounded-md select-none focus-visible:ring-2 focus-visible:outline-none"
    >
      <svg
        viewBox={`0 0 ${BARS} 100`}
        preserveAspectRatio="none"
        className="absolute inset-0 h-full w-full"
        aria-hidden="true"
      >
        {bars.map((value, i) => {
          const height = Math.max(4, value * 96);
          return (
            <rect
              key={i}
              x={i + 0.15}
              width={0.7}
              y={50 - height / 2}
              height={height}
              rx={0.3}
              className={cn((i + 0.5) / BARS <= progress ? "fill-brand-600" : "fill-slate-300")}
            />
          );
        })}
      </svg>
      {segments.length > 1
        ? segments
            .slice(1)
            .map((segment) => (
              <span
                key={segment.start}
                aria-hidden="true"
                className="absolute inset-y-1 w-px bg-slate-400/70"
                style={{ left: `${total > 0 ? (segment.start / total) * 100 : 0}%` }}
              />
            ))
        : null}
      {total > 0
        ? props.marks?.map((mark) => (
            <button
              key={mark.id}
              type="button"
              title={`${formatDuration(mark.atSec)} · ${mark.label}`}
              aria-label={`${formatDuration(mark.atSec)} · ${mark.label}`}
              data-testid="player-mark"
              data-at={mark.atSec.toFixed(1)}
              onPointerDown={(event) => event.stopPropagation()}
              onClick={() => props.onSeek(mark.atSec)}
              className={cn(
                "absolute -top-1 z-10 size-3 -translate-x-1/2 rounded-full ring-2 ring-white",
                mark.tone === "draft" ? "bg-amber-500" : "bg-violet-600",
              )}
              style={{ left: `${Math.min(100, (mark.atSec / total) * 100)}%` }}
            />
          ))
        : null}
      <span
        aria-hidden="true"
        className="bg-brand-700 absolute inset-y-0 w-0.5 rounded"
        style={{ left: `calc(${progress * 100}% - 1px)` }}
      />
    </div>
  );
}
