"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { allCriteria } from "@/lib/quality/scoring";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { Badge } from "@/lib/ui/badge";
import { buttonClass } from "@/lib/ui/button-styles";
import { formatDuration } from "@/lib/ui/format-duration";
import { usePlayerLink } from "@/app/(console)/_components/recording-player/player-link";
import { DisputeDialog } from "@/app/(console)/calls/[id]/_components/quality/dispute-dialog";
import {
  ResolveDialog,
  type DisputeToResolve,
} from "@/app/(console)/calls/[id]/_components/quality/resolve-dialog";
import { answerLabel, formatScore } from "@/app/(console)/quality/_components/quality-format";
import type { EvaluationView } from "@/app/(console)/quality/_components/types";
import { AutoMark } from "@/app/(console)/calls/[id]/_components/scripts/auto-mark";

type EvaluationCardProps = {
  evaluation: EvaluationView;
  viewerId: string;
  canResolve: boolean;
};

const statusTone = {
  SUBMITTED: "brand",
  ACKNOWLEDGED: "success",
  DISPUTED: "warning",
  RESOLVED: "neutral",
} as const;

/** One evaluation as made: answers, pinned comments, summary, disputes and what the viewer may do. */
export function EvaluationCard({ evaluation, viewerId, canResolve }: EvaluationCardProps) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const link = usePlayerLink();
  const [disputing, setDisputing] = useState<{ id: string; title: string } | null>(null);
  const [resolving, setResolving] = useState<DisputeToResolve | null>(null);
  const isOwn = evaluation.manager?.id === viewerId;
  const canDispute =
    isOwn && (evaluation.status === "SUBMITTED" || evaluation.status === "DISPUTED");
  const acknowledge = useMutation(
    trpc.quality.acknowledge.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.quality.pathKey() }),
    }),
  );
  const criteria = allCriteria(evaluation.version.content);
  const answerOf = (id: string) => evaluation.answers.find((a) => a.criterionId === id);
  const disputeOf = (id: string) => evaluation.disputes.find((d) => d.criterionId === id);

  return (
    <article
      className="space-y-3 rounded-lg border border-slate-200 p-4"
      data-testid="evaluation-card"
      data-evaluation-id={evaluation.id}
      data-status={evaluation.status}
    >
      <header className="flex flex-wrap items-center gap-2">
        <span className="text-lg font-semibold tabular-nums" data-testid="evaluation-score">
          {formatScore(evaluation.score)}
        </span>
        <Badge tone={evaluation.isPassed ? "success" : "danger"}>
          {evaluation.isPassed ? t("quality.passed") : t("quality.failed")}
        </Badge>
        {evaluation.hasCriticalFail ? (
          <Badge tone="danger">{t("quality.criticalFailed")}</Badge>
        ) : null}
        <Badge tone={statusTone[evaluation.status]} testId="evaluation-status">
          {t(`quality.status.${evaluation.status}`)}
        </Badge>
        <span className="text-xs text-slate-500">
          {t("quality.card.by", {
            reviewer: evaluation.reviewer?.name ?? "—",
            date: new Intl.DateTimeFormat(locale, {
              dateStyle: "medium",
              timeStyle: "short",
            }).format(evaluation.createdAt),
          })}{" "}
          · {evaluation.version.name} ·{" "}
          {t("quality.versionLabel", { version: evaluation.version.version })}
        </span>
      </header>
      <table className="w-full text-sm">
        <tbody className="divide-y divide-slate-100">
          {criteria.map((criterion) => {
            const answer = answerOf(criterion.id);
            const dispute = disputeOf(criterion.id);
            return (
              <tr key={criterion.id} data-testid="evaluation-answer" data-criterion={criterion.id}>
                <td className="py-1.5 pr-2 text-slate-800">
                  {criterion.title}
                  {criterion.isCritical ? (
                    <span className="ml-1 text-xs text-amber-700">({t("quality.critical")})</span>
                  ) : null}
                  {dispute ? (
                    <div
                      className="mt-1 space-y-0.5 text-xs"
                      data-testid="dispute"
                      data-dispute-status={dispute.status}
                    >
                      <p className="text-amber-800">
                        {t(`quality.dispute.status.${dispute.status}`)}: {dispute.comment}
                      </p>
                      {dispute.resolution ? (
                        <p className="text-slate-600">
                          {t("quality.dispute.resolution")}: {dispute.resolution}
                          {dispute.newValue
                            ? ` (${answerLabel(t, criterion.kind, dispute.previousValue)} → ${answerLabel(t, criterion.kind, dispute.newValue)})`
                            : null}
                        </p>
                      ) : null}
                    </div>
                  ) : null}
                </td>
                <td className="py-1.5 pr-2 text-right whitespace-nowrap">
                  <span
                    className={
                      answer?.isPassed === false ? "font-medium text-red-700" : "text-slate-700"
                    }
                  >
                    {answerLabel(t, criterion.kind, answer?.value ?? null)}
                  </span>
                  <AutoMark
                    kind={criterion.kind}
                    value={answer?.value}
                    autoValue={answer?.autoValue ?? null}
                  />
                </td>
                <td className="py-1.5 text-right whitespace-nowrap">
                  {canDispute && !dispute ? (
                    <button
                      type="button"
                      onClick={() => setDisputing({ id: criterion.id, title: criterion.title })}
                      className="text-brand-700 text-xs font-medium hover:underline"
                      data-testid={`dispute-${criterion.id}`}
                    >
                      {t("quality.dispute.action")}
                    </button>
                  ) : null}
                  {canResolve && dispute?.status === "OPEN" ? (
                    <button
                      type="button"
                      onClick={() =>
                        setResolving({
                          id: dispute.id,
                          comment: dispute.comment,
                          previousValue: dispute.previousValue,
                          criterion,
                        })
                      }
                      className={buttonClass("secondary", "sm")}
                      data-testid={`resolve-${criterion.id}`}
                    >
                      {t("quality.resolve.action")}
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {evaluation.comments.length > 0 ? (
        <ul className="space-y-1 text-sm" data-testid="evaluation-comments">
          {evaluation.comments.map((comment) => (
            <li key={comment.id} className="flex gap-2">
              <button
                type="button"
                onClick={() => link?.seek(comment.atSec)}
                className="text-brand-700 font-medium tabular-nums hover:underline"
                aria-label={t("quality.form.seekTo", { time: formatDuration(comment.atSec) })}
                data-testid="comment-seek"
                data-at={comment.atSec}
              >
                {formatDuration(comment.atSec)}
              </button>
              <span className="text-slate-800">{comment.text}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {evaluation.summary ? (
        <p
          className="text-sm whitespace-pre-wrap text-slate-700"
          data-testid="evaluation-summary-text"
        >
          {evaluation.summary}
        </p>
      ) : null}
      {isOwn && evaluation.status === "SUBMITTED" ? (
        <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3">
          <button
            type="button"
            onClick={() => acknowledge.mutate({ evaluationId: evaluation.id })}
            disabled={acknowledge.isPending}
            className={buttonClass("primary", "sm")}
            data-testid="evaluation-acknowledge"
          >
            {t("quality.card.acknowledge")}
          </button>
          <span className="text-xs text-slate-500">{t("quality.card.disputeHint")}</span>
        </div>
      ) : null}
      {acknowledge.isError ? <Alert>{describeError(t, acknowledge.error)}</Alert> : null}
      <DisputeDialog
        evaluationId={evaluation.id}
        criterion={disputing}
        onClose={() => setDisputing(null)}
      />
      <ResolveDialog dispute={resolving} onClose={() => setResolving(null)} />
    </article>
  );
}
