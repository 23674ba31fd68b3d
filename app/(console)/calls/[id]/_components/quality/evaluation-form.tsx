"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { allCriteria, scoreEvaluation, weightShares } from "@/lib/quality/scoring";
import type { AnswerValue } from "@/lib/schemas/quality";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { Badge } from "@/lib/ui/badge";
import { buttonClass } from "@/lib/ui/button-styles";
import { inputClass } from "@/lib/ui/input-styles";
import { Spinner } from "@/lib/ui/spinner";
import { AnswerPicker } from "@/app/(console)/calls/[id]/_components/quality/answer-picker";
import { PinnedComments } from "@/app/(console)/calls/[id]/_components/quality/pinned-comments";
import { AutoMark } from "@/app/(console)/calls/[id]/_components/scripts/auto-mark";
import type { Draft } from "@/app/(console)/calls/[id]/_components/quality/use-evaluation-draft";
import { formatScore } from "@/app/(console)/quality/_components/quality-format";
import type { ScorecardVersionView } from "@/app/(console)/quality/_components/types";

type EvaluationFormProps = {
  callId: string;
  version: ScorecardVersionView;
  /** The script checks' answers for this scorecard, offered until the reviewer changes them. */
  autoAnswers: Readonly<Record<string, AnswerValue>>;
  reviewItemId?: string;
  draft: Draft;
  onDraftChange: (draft: Draft) => void;
  onSubmitted: (evaluationId: string) => void;
  onCancel: () => void;
};

/** The scorecard beside the player: answers, pinned comments, summary and the live total. */
export function EvaluationForm(props: EvaluationFormProps) {
  const { callId, version, draft, onDraftChange } = props;
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const summaryId = useId();
  const [showMissing, setShowMissing] = useState(false);
  const shares = weightShares(version.content);
  const known = new Set(allCriteria(version.content).map((c) => c.id));
  const answers = {
    ...Object.fromEntries(Object.entries(props.autoAnswers).filter(([id]) => known.has(id))),
    ...draft.answers,
  };
  const result = scoreEvaluation(version.content, answers, version.passThreshold);
  const submit = useMutation(
    trpc.quality.submit.mutationOptions({
      onSuccess: async (evaluation) => {
        await queryClient.invalidateQueries({ queryKey: trpc.quality.pathKey() });
        props.onSubmitted(evaluation.id);
      },
    }),
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (result.missing.length > 0) {
      setShowMissing(true);
      document
        .getElementById(`criterion-${result.missing[0]}`)
        ?.scrollIntoView({ block: "center" });
      return;
    }
    submit.mutate({
      callId,
      versionId: version.id,
      reviewItemId: props.reviewItemId,
      answers,
      comments: draft.comments,
      summary: draft.summary,
    });
  };

  return (
    <form onSubmit={onSubmit} className="space-y-5" data-testid="evaluation-form" noValidate>
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-base font-semibold text-slate-900">{version.name}</h3>
        <span className="text-xs text-slate-500">
          {t("quality.versionLabel", { version: version.version })} ·{" "}
          {t("quality.passFrom", { threshold: version.passThreshold })}
        </span>
      </div>
      <div
        className="sticky top-16 z-10 flex flex-wrap items-center gap-3 rounded-md bg-slate-50 px-3 py-2"
        aria-live="polite"
        data-testid="live-score"
        data-score={result.score ?? ""}
      >
        <span className="text-sm text-slate-600">{t("quality.form.total")}</span>
        <span className="text-lg font-semibold text-slate-900 tabular-nums">
          {formatScore(result.score)}
        </span>
        {result.missing.length === 0 ? (
          <Badge tone={result.isPassed ? "success" : "danger"}>
            {result.isPassed ? t("quality.passed") : t("quality.failed")}
          </Badge>
        ) : (
          <span className="text-xs text-slate-500">
            {t("quality.form.left", { count: result.missing.length })}
          </span>
        )}
        {result.hasCriticalFail ? <Badge tone="danger">{t("quality.criticalFailed")}</Badge> : null}
      </div>
      {version.content.sections.map((section) => (
        <fieldset key={section.id} className="space-y-3">
          <legend className="text-sm font-semibold text-slate-900">{section.title}</legend>
          {section.criteria.map((criterion) => {
            const isMissing = showMissing && result.missing.includes(criterion.id);
            return (
              <div
                key={criterion.id}
                id={`criterion-${criterion.id}`}
                className="space-y-1"
                data-testid="criterion"
              >
                <div className="flex flex-wrap items-baseline gap-2">
                  <span className="text-sm font-medium text-slate-800">{criterion.title}</span>
                  <span className="text-xs text-slate-500 tabular-nums">
                    {shares.get(criterion.id)} %
                  </span>
                  {criterion.isCritical ? (
                    <Badge tone="warning">{t("quality.critical")}</Badge>
                  ) : null}
                  <AutoMark
                    kind={criterion.kind}
                    value={answers[criterion.id]}
                    autoValue={props.autoAnswers[criterion.id] ?? null}
                  />
                </div>
                {criterion.description ? (
                  <p className="text-xs text-slate-500">{criterion.description}</p>
                ) : null}
                <AnswerPicker
                  name={`answer-${criterion.id}`}
                  label={criterion.title}
                  kind={criterion.kind}
                  value={answers[criterion.id]}
                  hasError={isMissing}
                  testId={`answer-${criterion.id}`}
                  onChange={(value) =>
                    onDraftChange({
                      ...draft,
                      answers: { ...draft.answers, [criterion.id]: value },
                    })
                  }
                />
                {isMissing ? (
                  <p className="text-xs text-red-700">{t("quality.form.answerRequired")}</p>
                ) : null}
              </div>
            );
          })}
        </fieldset>
      ))}
      <PinnedComments
        content={version.content}
        comments={draft.comments}
        onChange={(comments) => onDraftChange({ ...draft, comments })}
      />
      <div className="space-y-1">
        <label htmlFor={summaryId} className="text-sm font-semibold text-slate-900">
          {t("quality.form.summary")}
        </label>
        <textarea
          id={summaryId}
          value={draft.summary}
          onChange={(e) => onDraftChange({ ...draft, summary: e.target.value })}
          rows={3}
          maxLength={5000}
          className={inputClass(false, "w-full py-2")}
          data-testid="evaluation-summary"
        />
      </div>
      {showMissing && result.missing.length > 0 ? (
        <Alert testId="evaluation-missing">
          {t("quality.form.missing", { count: result.missing.length })}
        </Alert>
      ) : null}
      {submit.isError ? (
        <Alert testId="evaluation-error">{describeError(t, submit.error)}</Alert>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          disabled={submit.isPending}
          className={buttonClass("primary")}
          data-testid="evaluation-submit"
        >
          {submit.isPending ? <Spinner className="size-4" /> : null}
          {t("quality.form.submit")}
        </button>
        <button type="button" onClick={props.onCancel} className={buttonClass("secondary")}>
          {t("quality.form.later")}
        </button>
      </div>
    </form>
  );
}
