"use client";

import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { buttonClass } from "@/lib/ui/button-styles";
import { cn } from "@/lib/ui/cn";
import { formatDuration } from "@/lib/ui/format-duration";
import { Spinner } from "@/lib/ui/spinner";
import { PlayerIcon } from "@/app/(console)/_components/recording-player/player-icons";
import { usePlayerLink } from "@/app/(console)/_components/recording-player/player-link";
import type { RecordingFileView } from "@/app/(console)/_components/recording-player/types";
import { useTimelineAudio } from "@/app/(console)/_components/recording-player/use-timeline-audio";
import { Waveform } from "@/app/(console)/_components/recording-player/waveform";

export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;
const JUMP_SEC = 10;

/** What a strip drawn under the waveform needs to stay aligned with it. */
export type PlayerTimeline = { total: number; position: number; seek: (time: number) => void };

type AudioPlayerProps = {
  files: RecordingFileView[];
  autoPlay?: boolean;
  onEnded?: () => void;
  /** Drawn right under the waveform, on the same time axis (the talk strip). */
  belowWaveform?: (timeline: PlayerTimeline) => ReactNode;
  /** Drawn under the controls, following the playback (the transcript). */
  afterControls?: (timeline: PlayerTimeline) => ReactNode;
  /** Seconds to start playing from when the player appears (a link to a moment). */
  startAt?: number;
};

const iconButton =
  "inline-flex size-9 items-center justify-center rounded-full text-slate-700 transition-colors hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none disabled:opacity-50";

/** The controls of a downloaded recording; several files play as one. */
export function AudioPlayer({
  files,
  autoPlay = false,
  onEnded,
  belowWaveform,
  afterControls,
  startAt,
}: AudioPlayerProps) {
  const { t } = useI18n();
  const speedId = useId();
  const volumeId = useId();
  const {
    audioRef,
    src,
    fileIndex,
    segments,
    total,
    position,
    isPlaying,
    isBuffering,
    hasError,
    rate,
    volume,
    isMuted,
    play,
    toggle,
    seek,
    seekAndPlay,
    setRate,
    setVolume,
    setMuted,
    reload,
  } = useTimelineAudio(files, { onEnded });
  const hasAutoPlayed = useRef(false);
  const link = usePlayerLink();
  const register = link?.register;
  const reportPosition = link?.reportPosition;
  useEffect(() => register?.(seek), [register, seek]);
  useEffect(() => reportPosition?.(position), [reportPosition, position]);

  useEffect(() => {
    if (hasAutoPlayed.current) return;
    if (startAt !== undefined) {
      hasAutoPlayed.current = true;
      seekAndPlay(startAt);
      return;
    }
    if (!autoPlay) return;
    hasAutoPlayed.current = true;
    void play();
  }, [autoPlay, play, startAt, seekAndPlay]);

  const jump = (delta: number) => seek(position + delta);
  // Shortcuts work anywhere inside the player, except where a control handles the key itself.
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    const isNativeControl = ["BUTTON", "SELECT", "INPUT", "A"].includes(target.tagName);
    if (event.key === " " && !isNativeControl) {
      event.preventDefault();
      toggle();
    } else if (
      (event.key === "ArrowLeft" || event.key === "ArrowRight") &&
      target.tagName !== "INPUT" &&
      target.tagName !== "SELECT"
    ) {
      event.preventDefault();
      jump(event.key === "ArrowLeft" ? -JUMP_SEC : JUMP_SEC);
    } else if (event.key === "Home" && target.getAttribute("role") === "slider") {
      event.preventDefault();
      seek(0);
    } else if (event.key === "End" && target.getAttribute("role") === "slider") {
      event.preventDefault();
      seek(total);
    }
  };
  const current = files[fileIndex];
  const downloadUrl = current ? `${current.url}&download=1` : undefined;
  const isMulti = files.length > 1;

  return (
    <div
      className="space-y-2"
      onKeyDown={onKeyDown}
      data-testid="recording-player"
      data-playing={isPlaying ? "true" : "false"}
      data-rate={rate}
    >
      <audio ref={audioRef} src={src} preload="none" />
      <Waveform
        files={files}
        segments={segments}
        total={total}
        position={position}
        label={t("player.position")}
        valueText={(elapsed, total) => t("player.positionText", { elapsed, total })}
        onSeek={seek}
        marks={link?.marks}
      />
      {belowWaveform?.({ total, position, seek })}
      <div className="flex flex-wrap items-center gap-x-2 gap-y-2">
        <button
          type="button"
          onClick={() => jump(-JUMP_SEC)}
          className={iconButton}
          aria-label={t("player.back10")}
          title={t("player.back10")}
          data-testid="player-back"
        >
          <PlayerIcon name="back" />
        </button>
        <button
          type="button"
          onClick={toggle}
          className={cn(
            iconButton,
            "bg-brand-600 hover:bg-brand-700 size-10 text-white hover:text-white",
          )}
          aria-label={isPlaying ? t("player.pause") : t("player.play")}
          data-testid="player-toggle"
        >
          <PlayerIcon name={isPlaying ? "pause" : "play"} />
        </button>
        <button
          type="button"
          onClick={() => jump(JUMP_SEC)}
          className={iconButton}
          aria-label={t("player.forward10")}
          title={t("player.forward10")}
          data-testid="player-forward"
        >
          <PlayerIcon name="forward" />
        </button>
        <p className="min-w-24 text-sm text-slate-700 tabular-nums" data-testid="player-time">
          {formatDuration(position)} / {formatDuration(total)}
        </p>
        {isBuffering ? (
          <span className="inline-flex items-center gap-1 text-xs text-slate-500" role="status">
            <Spinner className="size-3.5" />
            {t("player.buffering")}
          </span>
        ) : null}
        {isMulti ? (
          <span className="text-xs text-slate-500" data-testid="player-part">
            {t("player.part", { part: fileIndex + 1, count: files.length })}
          </span>
        ) : null}
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <label htmlFor={speedId} className="sr-only">
            {t("player.speed")}
          </label>
          <select
            id={speedId}
            value={rate}
            onChange={(e) => setRate(Number(e.target.value))}
            className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-800"
            title={t("player.speed")}
            data-testid="player-speed"
          >
            {SPEEDS.map((speed) => (
              <option key={speed} value={speed}>
                {speed}×
              </option>
            ))}
          </select>
          <button
            type="button"
            onClick={() => setMuted(!isMuted)}
            className={iconButton}
            aria-label={isMuted ? t("player.unmute") : t("player.mute")}
            aria-pressed={isMuted}
          >
            <PlayerIcon name={isMuted ? "muted" : "volume"} />
          </button>
          <label htmlFor={volumeId} className="sr-only">
            {t("player.volume")}
          </label>
          <input
            id={volumeId}
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={isMuted ? 0 : volume}
            onChange={(e) => {
              setVolume(Number(e.target.value));
              if (isMuted) setMuted(false);
            }}
            className="accent-brand-600 w-20"
          />
          {downloadUrl ? (
            <a
              href={downloadUrl}
              download
              className={buttonClass("secondary", "sm")}
              data-testid="player-download"
            >
              <PlayerIcon name="download" className="size-4" />
              {isMulti ? t("player.downloadPart", { part: fileIndex + 1 }) : t("player.download")}
            </a>
          ) : null}
        </div>
      </div>
      {hasError ? (
        <p className="flex items-center gap-2 text-sm text-red-700" role="alert">
          {t("player.loadFailed")}
          <button type="button" onClick={reload} className={buttonClass("secondary", "sm")}>
            {t("player.reload")}
          </button>
        </p>
      ) : null}
      <p className="text-xs text-slate-500">{t("player.keyboardHint")}</p>
      {afterControls?.({ total, position, seek })}
    </div>
  );
}
