"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { Skeleton } from "@/lib/ui/skeleton";
import { RecordingPlayer } from "@/app/(console)/_components/recording-player/recording-player";

type NowPlayingProps = { recordingId: string; autoPlay: boolean; onEnded: () => void };

export function NowPlaying({ recordingId, autoPlay, onEnded }: NowPlayingProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const recording = useQuery(trpc.recordings.get.queryOptions({ id: recordingId }));
  if (recording.isPending) return <Skeleton className="h-28 w-full" />;
  if (recording.isError) return <Alert>{describeError(t, recording.error)}</Alert>;
  return (
    <div className="space-y-1">
      <RecordingPlayer
        key={recording.data.id}
        recording={recording.data}
        autoPlay={autoPlay}
        onEnded={onEnded}
      />
      <Link
        href={`/calls/${recording.data.call.id}`}
        className="text-brand-700 text-sm hover:underline"
        data-testid="now-playing-call"
      >
        {t("recordings.openCall")}
      </Link>
    </div>
  );
}
