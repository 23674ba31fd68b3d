"use client";

import { useQuery } from "@tanstack/react-query";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { Skeleton } from "@/lib/ui/skeleton";
import { RecordingPlayer } from "@/app/(console)/_components/recording-player/recording-player";
import { TalkPanel } from "@/app/(console)/_components/talk/talk-panel";
import { TalkStrip } from "@/app/(console)/_components/talk/talk-strip";
import { TranscriptDialogue } from "@/app/(console)/_components/transcript/transcript-dialogue";
import { TranscriptPanel } from "@/app/(console)/_components/transcript/transcript-panel";

const PENDING_POLL_MS = 3000;

type CallRecordingsPanelProps = {
  callId: string;
  /**
   * The call page: talk analytics under the player (the strip) and below it (the figures), and
   * the transcript beside the controls.
   */
  withTalk?: boolean;
  /** Play the first recording from here at once (a search hit's link: ?t=seconds). */
  startAtSec?: number;
};

/** Every recording of one call, for the call detail page (and anything else showing a call). */
export function CallRecordingsPanel({
  callId,
  withTalk = false,
  startAtSec,
}: CallRecordingsPanelProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const recordings = useQuery({
    ...trpc.recordings.byCall.queryOptions({ callId }),
    // Poll while a download is on its way, so the player appears without a reload.
    refetchInterval: (query) =>
      query.state.data?.some((r) => r.status === "PENDING" || r.status === "DOWNLOADING")
        ? PENDING_POLL_MS
        : false,
  });
  const hasAudio = recordings.data?.some((r) => r.status !== "FAILED" && r.status !== "DELETED");
  const talk = useQuery({
    ...trpc.talk.byCall.queryOptions({ callId }),
    enabled: withTalk,
    // Poll while the analysis is queued, or while a recording on its way will queue it.
    refetchInterval: (query) =>
      query.state.data?.status === "PENDING" || (query.state.data === null && hasAudio)
        ? PENDING_POLL_MS
        : false,
  });
  const transcript = useQuery({
    ...trpc.transcripts.byCall.queryOptions({ callId }),
    enabled: withTalk,
    // Poll while queued or running (its progress), or while a recording on its way will queue it.
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === "PENDING" || status === "RUNNING" || (query.state.data === null && hasAudio)
        ? PENDING_POLL_MS
        : false;
    },
  });
  if (recordings.isPending) return <Skeleton className="h-24 w-full" />;
  if (recordings.isError) {
    return (
      <div className="space-y-2">
        <Alert>{describeError(t, recordings.error)}</Alert>
        <button
          type="button"
          onClick={() => void recordings.refetch()}
          className={buttonClass("secondary", "sm")}
        >
          {t("common.retry")}
        </button>
      </div>
    );
  }
  if (recordings.data.length === 0)
    return <p className="text-sm text-slate-600">{t("player.noRecording")}</p>;
  const talkData = withTalk ? talk.data : null;
  const lanes =
    talkData && "lanes" in talkData && talkData.status === "READY" ? talkData.lanes : null;
  const transcriptData = withTalk ? transcript.data : null;
  const dialogue =
    transcriptData && "segments" in transcriptData && transcriptData.status === "DONE"
      ? transcriptData
      : null;
  const firstPlayable = recordings.data.find((r) => r.status === "READY")?.id;
  return (
    <div className="space-y-3" data-testid="call-recording-players">
      {recordings.data.map((recording) => (
        <RecordingPlayer
          key={recording.id}
          recording={recording}
          belowWaveform={
            lanes && talkData?.recordingId === recording.id
              ? (timeline) => (
                  <TalkStrip
                    lanes={lanes}
                    total={timeline.total}
                    position={timeline.position}
                    onSeek={timeline.seek}
                  />
                )
              : undefined
          }
          afterControls={
            dialogue && dialogue.recordingId === recording.id
              ? (timeline) => (
                  <TranscriptDialogue
                    segments={dialogue.segments}
                    position={timeline.position}
                    seek={timeline.seek}
                  />
                )
              : undefined
          }
          startAt={recording.id === firstPlayable ? startAtSec : undefined}
        />
      ))}
      {withTalk && talk.isError ? (
        <Alert testId="talk-load-failed">{describeError(t, talk.error)}</Alert>
      ) : null}
      {withTalk && transcript.isError ? (
        <Alert testId="transcript-load-failed">{describeError(t, transcript.error)}</Alert>
      ) : null}
      {transcriptData ? <TranscriptPanel callId={callId} transcript={transcriptData} /> : null}
      {talkData ? <TalkPanel callId={callId} talk={talkData} /> : null}
    </div>
  );
}
