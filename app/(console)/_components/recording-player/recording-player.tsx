"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { Spinner } from "@/lib/ui/spinner";
import {
  AudioPlayer,
  type PlayerTimeline,
} from "@/app/(console)/_components/recording-player/audio-player";
import type { RecordingView } from "@/app/(console)/_components/recording-player/types";

type RecordingPlayerProps = {
  recording: Pick<RecordingView, "id" | "status" | "error" | "deletedAt" | "files" | "canRetry">;
  autoPlay?: boolean;
  /** Called when the last file has played to the end (e.g. to start the next recording). */
  onEnded?: () => void;
  belowWaveform?: (timeline: PlayerTimeline) => ReactNode;
  afterControls?: (timeline: PlayerTimeline) => ReactNode;
  startAt?: number;
};

/**
 * A call recording: the player when it is downloaded, otherwise what is going on with it —
 * queued, failed (with the reason and, for admins, a retry button) or deleted by retention.
 */
export function RecordingPlayer({
  recording,
  autoPlay,
  onEnded,
  belowWaveform,
  afterControls,
  startAt,
}: RecordingPlayerProps) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [wasQueued, setQueued] = useState(false);
  const retry = useMutation(
    trpc.recordings.retry.mutationOptions({
      onSuccess: async () => {
        setQueued(true);
        await queryClient.invalidateQueries({ queryKey: trpc.recordings.pathKey() });
      },
    }),
  );

  const frame = (children: ReactNode) => (
    <section
      aria-label={t("player.region")}
      className="rounded-lg border border-slate-200 bg-white p-3"
      data-testid="recording"
      data-recording-id={recording.id}
      data-status={recording.status}
    >
      {children}
    </section>
  );

  if (recording.status === "READY") {
    return frame(
      <AudioPlayer
        key={recording.id}
        files={recording.files}
        autoPlay={autoPlay}
        onEnded={onEnded}
        belowWaveform={belowWaveform}
        afterControls={afterControls}
        startAt={startAt}
      />,
    );
  }
  if (recording.status === "DELETED") {
    const date = recording.deletedAt
      ? new Intl.DateTimeFormat(locale, { dateStyle: "long" }).format(recording.deletedAt)
      : "—";
    return frame(<p className="text-sm text-slate-600">{t("player.deleted", { date })}</p>);
  }
  if (recording.status === "FAILED") {
    return frame(
      <div className="space-y-2">
        <Alert tone="error" testId="recording-failed">
          <span className="font-medium">{t("player.failed")}</span>{" "}
          {recording.error ? t("player.failedReason", { reason: recording.error }) : null}
        </Alert>
        {recording.canRetry ? (
          <button
            type="button"
            onClick={() => retry.mutate({ id: recording.id })}
            disabled={retry.isPending}
            className={buttonClass("secondary", "sm")}
            data-testid="recording-retry"
          >
            {retry.isPending ? <Spinner className="size-4" /> : null}
            {retry.isPending ? t("player.retrying") : t("player.retry")}
          </button>
        ) : null}
        {retry.isError ? (
          <p className="text-sm text-red-700" role="alert">
            {describeError(t, retry.error)}
          </p>
        ) : null}
      </div>,
    );
  }
  return frame(
    <p className="flex items-center gap-2 text-sm text-slate-600" role="status">
      <Spinner className="size-4" />
      {wasQueued ? t("player.retryQueued") : t("player.pending")}
      {recording.error ? (
        <span className="text-slate-500">
          {" "}
          {t("player.failedReason", { reason: recording.error })}
        </span>
      ) : null}
    </p>,
  );
}
