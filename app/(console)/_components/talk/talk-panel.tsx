"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { Spinner } from "@/lib/ui/spinner";
import { TalkFigures } from "@/app/(console)/_components/talk/talk-figures";
import type { CallTalkView } from "@/app/(console)/_components/talk/types";

/**
 * Talk analytics of a call under its recordings: the figures, or where their job is (queued,
 * failed with the reason, never run) with a re-run button for supervisors and admins.
 */
export function TalkPanel({ callId, talk }: { callId: string; talk: CallTalkView }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rerun = useMutation(
    trpc.talk.rerun.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.talk.byCall.queryKey({ callId }) }),
    }),
  );
  const rerunButton = (label: string) =>
    talk.canRerun ? (
      <button
        type="button"
        onClick={() => rerun.mutate({ callId })}
        disabled={rerun.isPending}
        className={buttonClass("secondary", "sm")}
        data-testid="talk-rerun"
      >
        {rerun.isPending ? <Spinner className="size-4" /> : null}
        {label}
      </button>
    ) : null;

  let body;
  if (talk.status === "READY" && "lanes" in talk) {
    body = (
      <div className="space-y-3">
        {talk.channels === 1 ? (
          <Alert tone="info" testId="talk-mono">
            {t("talk.monoNotice")}
          </Alert>
        ) : null}
        <TalkFigures talk={talk} />
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-xs text-slate-500">{t("talk.method")}</p>
          {rerunButton(t("talk.rerun"))}
        </div>
      </div>
    );
  } else if (talk.status === "FAILED" && "error" in talk) {
    body = (
      <div className="space-y-2">
        <Alert tone="error" testId="talk-failed">
          <span className="font-medium">{t("talk.failed")}</span>{" "}
          {talk.error ? t("talk.failedReason", { reason: talk.error }) : null}
        </Alert>
        {rerunButton(t("talk.rerun"))}
      </div>
    );
  } else if (talk.status === "NOT_ANALYSED") {
    body = (
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm text-slate-600">{t("talk.notAnalysed")}</p>
        {rerunButton(t("talk.analyse"))}
      </div>
    );
  } else {
    body = (
      <p className="flex items-center gap-2 text-sm text-slate-600" role="status">
        <Spinner className="size-4" />
        {t("talk.pending")}
        {"error" in talk && talk.error ? (
          <span className="text-slate-500">{t("talk.retrying", { reason: talk.error })}</span>
        ) : null}
      </p>
    );
  }
  return (
    <section
      aria-labelledby="talk-heading"
      className="space-y-3 border-t border-slate-200 pt-3"
      data-testid="talk-panel"
      data-status={talk.status}
    >
      <h3 id="talk-heading" className="text-sm font-semibold text-slate-900">
        {t("talk.heading")}
      </h3>
      {body}
      {rerun.isError ? (
        <p className="text-sm text-red-700" role="alert">
          {describeError(t, rerun.error)}
        </p>
      ) : null}
    </section>
  );
}
