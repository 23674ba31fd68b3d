"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { Spinner } from "@/lib/ui/spinner";
import type { CallTranscriptView } from "@/app/(console)/_components/transcript/types";

type TranscriptPanelProps = {
  callId: string;
  transcript: CallTranscriptView;
};

/**
 * Where a call's transcript is: not configured, skipped with the reason, queued, running with
 * its progress, failed with the reason (with "retry" for supervisors), or done — then the
 * dialogue sits in its recording's player (it follows the playback) and this says who made
 * it, with "delete" for supervisors.
 */
export function TranscriptPanel({ callId, transcript }: TranscriptPanelProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.transcripts.byCall.queryKey({ callId }) });
  const retry = useMutation(trpc.transcripts.retry.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.transcripts.delete.mutationOptions({ onSuccess: refresh }));
  const action = (label: string, testId: string, run: () => void, isPending: boolean) =>
    transcript.canManage ? (
      <button
        type="button"
        onClick={run}
        disabled={isPending}
        className={buttonClass("secondary", "sm")}
        data-testid={testId}
      >
        {isPending ? <Spinner className="size-4" /> : null}
        {label}
      </button>
    ) : null;
  const retryButton = (label: string) =>
    action(label, "transcript-retry", () => retry.mutate({ callId }), retry.isPending);

  let body: ReactNode;
  switch (transcript.status) {
    case "NOT_CONFIGURED":
      body = (
        <p className="text-sm text-slate-600">
          {t("transcript.notConfigured")}{" "}
          {"canConfigure" in transcript && transcript.canConfigure ? (
            <Link href="/settings/speech" className="text-brand-700 font-medium hover:underline">
              {t("transcript.configure")}
            </Link>
          ) : null}
        </p>
      );
      break;
    case "NOT_TRANSCRIBED":
      body = (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm text-slate-600">{t("transcript.notTranscribed")}</p>
          {retryButton(t("transcript.transcribe"))}
        </div>
      );
      break;
    case "SKIPPED":
      body = (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm text-slate-600" data-testid="transcript-skipped">
            {t("transcript.skipped", { reason: transcript.error ?? "—" })}
          </p>
          {retryButton(t("transcript.transcribe"))}
        </div>
      );
      break;
    case "FAILED":
      body = (
        <div className="space-y-2">
          <Alert tone="error" testId="transcript-failed">
            <span className="font-medium">{t("transcript.failed")}</span>{" "}
            {transcript.error ? t("transcript.failedReason", { reason: transcript.error }) : null}
          </Alert>
          {retryButton(t("transcript.retry"))}
        </div>
      );
      break;
    case "DONE":
      body = (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-xs text-slate-500">
            {t("transcript.madeBy", {
              backend: transcript.backend ?? "—",
              model: transcript.model ?? "—",
            })}
          </p>
          {action(
            t("transcript.delete"),
            "transcript-delete",
            () => {
              if (window.confirm(t("transcript.deleteConfirm"))) remove.mutate({ callId });
            },
            remove.isPending,
          )}
        </div>
      );
      break;
    default:
      body = (
        <p className="flex items-center gap-2 text-sm text-slate-600" role="status">
          <Spinner className="size-4" />
          {transcript.status === "RUNNING"
            ? t("transcript.running", { progress: transcript.progress })
            : t("transcript.queued")}
          {transcript.error ? (
            <span className="text-slate-500">
              {t("transcript.retrying", { reason: transcript.error })}
            </span>
          ) : null}
        </p>
      );
  }
  const error = retry.error ?? remove.error;
  return (
    <section
      aria-labelledby="transcript-heading"
      className="space-y-2 border-t border-slate-200 pt-3"
      data-testid="transcript-panel"
      data-status={transcript.status}
    >
      <h3 id="transcript-heading" className="text-sm font-semibold text-slate-900">
        {t("transcript.heading")}
      </h3>
      {body}
      {error ? (
        <p className="text-sm text-red-700" role="alert">
          {describeError(t, error)}
        </p>
      ) : null}
    </section>
  );
}
