"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState, type ReactNode } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { buttonClass } from "@/lib/ui/button-styles";
import { cn } from "@/lib/ui/cn";
import {
  PlayerLinkProvider,
  type PlayerMark,
} from "@/app/(console)/_components/recording-player/player-link";
import { CalibrationTable } from "@/app/(console)/calls/[id]/_components/quality/calibration-table";
import { EvaluationCard } from "@/app/(console)/calls/[id]/_components/quality/evaluation-card";
import { EvaluationForm } from "@/app/(console)/calls/[id]/_components/quality/evaluation-form";
import { ReviewBanner } from "@/app/(console)/calls/[id]/_components/quality/review-banner";
import { StartEvaluation } from "@/app/(console)/calls/[id]/_components/quality/start-evaluation";
import { useEvaluationDraft } from "@/app/(console)/calls/[id]/_components/quality/use-evaluation-draft";
import { ScriptChecklist } from "@/app/(console)/calls/[id]/_components/scripts/script-checklist";
import { useAutoAnswers } from "@/app/(console)/calls/[id]/_components/scripts/use-auto-answers";

type QualityWorkspaceProps = {
  callId: string;
  viewerId: string;
  canReview: boolean;
  isEvaluable: boolean;
  /** The recordings section: the player the form sits beside. */
  children: ReactNode;
};

/** The call's recordings with its evaluations; for reviewers, the scorecard form beside the player. */
export function QualityWorkspace({
  callId,
  viewerId,
  canReview,
  isEvaluable,
  children,
}: QualityWorkspaceProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const reviewItemId = useSearchParams().get("review") ?? undefined;
  const [templateId, setTemplateId] = useState("");
  const [isOpen, setOpen] = useState(reviewItemId !== undefined);
  const [justSubmitted, setJustSubmitted] = useState(false);
  const evaluations = useQuery(trpc.quality.callEvaluations.queryOptions({ callId }));
  const item = useQuery({
    ...trpc.quality.reviewItem.queryOptions({ itemId: reviewItemId ?? "" }),
    enabled: canReview && !!reviewItemId,
  });
  const chosenTemplate = item.data?.status === "OPEN" ? item.data.templateId : templateId;
  const template = useQuery({
    ...trpc.quality.template.queryOptions({ templateId: chosenTemplate }),
    enabled: canReview && isOpen && !!chosenTemplate,
  });
  const version = template.data?.latest;
  const { draft, setDraft, clear } = useEvaluationDraft(`${callId}.${version?.id ?? "none"}`);
  const autoAnswers = useAutoAnswers(callId, canReview ? version?.templateId : undefined);

  const marks = useMemo<PlayerMark[]>(() => {
    const saved = (evaluations.data ?? []).flatMap((e) =>
      e.comments.map((c) => ({ id: c.id, atSec: c.atSec, label: c.text, tone: "saved" as const })),
    );
    const drafts = isOpen
      ? draft.comments.map((c, i) => ({
          id: `draft-${i}`,
          atSec: c.atSec,
          label: c.text,
          tone: "draft" as const,
        }))
      : [];
    return [...saved, ...drafts];
  }, [evaluations.data, draft.comments, isOpen]);

  const isFormShown = canReview && isOpen && version !== undefined && isEvaluable;
  const reviewOpen = item.data?.status === "OPEN";

  return (
    <PlayerLinkProvider marks={marks}>
      <div
        className={cn("grid gap-6", isFormShown && "lg:grid-cols-[minmax(0,1fr)_26rem]")}
        id="quality"
      >
        <div className="min-w-0 space-y-6">
          {/* The player stays in view while the reviewer works down the scorecard. */}
          <div className={cn("space-y-3", isFormShown && "lg:sticky lg:top-16 lg:z-10")}>
            {canReview && reviewItemId && item.data ? (
              <ReviewBanner item={item.data} isDone={justSubmitted} />
            ) : null}
            {children}
          </div>
          <section
            className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
            data-testid="call-quality"
            aria-labelledby="call-quality-heading"
          >
            <h2 id="call-quality-heading" className="text-base font-semibold text-slate-900">
              {t("quality.call.heading")}
            </h2>
            {evaluations.isError ? <Alert>{t("quality.loadFailed")}</Alert> : null}
            {evaluations.data?.length === 0 && !isFormShown ? (
              <p className="text-sm text-slate-600">{t("quality.call.none")}</p>
            ) : null}
            {canReview &&
            !isFormShown &&
            isEvaluable &&
            !(reviewItemId && item.data && !reviewOpen) ? (
              <StartEvaluation
                templateId={templateId}
                onTemplateChange={setTemplateId}
                onStart={() => setOpen(true)}
              />
            ) : null}
            {canReview && !isEvaluable ? (
              <p className="text-xs text-slate-500">{t("quality.call.notEvaluable")}</p>
            ) : null}
            {justSubmitted ? (
              <Alert tone="success" testId="evaluation-saved">
                {t("quality.call.saved")}
              </Alert>
            ) : null}
            {evaluations.data?.map((evaluation) => (
              <EvaluationCard
                key={evaluation.id}
                evaluation={evaluation}
                viewerId={viewerId}
                canResolve={canReview}
              />
            ))}
            {canReview ? <CalibrationTable callId={callId} /> : null}
          </section>
          <ScriptChecklist callId={callId} canRecheck={canReview} />
        </div>
        {isFormShown && version ? (
          <aside
            className="rounded-xl border border-slate-200 bg-white p-4"
            aria-label={t("quality.form.region")}
          >
            <EvaluationForm
              callId={callId}
              version={version}
              autoAnswers={autoAnswers}
              reviewItemId={reviewOpen ? reviewItemId : undefined}
              draft={draft}
              onDraftChange={setDraft}
              onCancel={() => setOpen(false)}
              onSubmitted={() => {
                clear();
                setDraft({ answers: {}, comments: [], summary: "" });
                setOpen(false);
                setJustSubmitted(true);
                void queryClient.invalidateQueries({ queryKey: trpc.quality.pathKey() });
                router.refresh();
              }}
            />
          </aside>
        ) : canReview && isOpen && template.isError ? (
          <Alert>{t("quality.loadFailed")}</Alert>
        ) : null}
      </div>
      {isOpen && !isFormShown && canReview && template.isPending && chosenTemplate ? (
        <p className="text-sm text-slate-500">{t("common.loading")}</p>
      ) : null}
      {canReview && reviewItemId && !item.isPending && item.isError ? (
        <div className="mt-2">
          <Alert>{t("quality.review.notFound")}</Alert>
          <button
            type="button"
            className={buttonClass("secondary", "sm")}
            onClick={() => router.push("/quality")}
          >
            {t("quality.review.toQueue")}
          </button>
        </div>
      ) : null}
    </PlayerLinkProvider>
  );
}
