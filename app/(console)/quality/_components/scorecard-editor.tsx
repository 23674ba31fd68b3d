"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { weightShares } from "@/lib/quality/scoring";
import { saveScorecardInput, type Section } from "@/lib/schemas/quality";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError, getAppErrorCode } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { inputClass } from "@/lib/ui/input-styles";
import { Spinner } from "@/lib/ui/spinner";
import { CriterionEditor } from "@/app/(console)/quality/_components/criterion-editor";
import {
  blankCriterion,
  blankSection,
  move,
  type ScorecardDraft,
} from "@/app/(console)/quality/_components/scorecard-draft";

type ScorecardEditorProps = { templateId?: string; version?: number; initial: ScorecardDraft };

/** Builds a scorecard; saving an existing one adds a version and leaves old evaluations alone. */
export function ScorecardEditor({ templateId, version, initial }: ScorecardEditorProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const nameId = useId();
  const thresholdId = useId();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Set<string>>(new Set());
  const save = useMutation(
    trpc.quality.saveTemplate.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.quality.pathKey() });
        router.push("/quality?tab=scorecards");
      },
    }),
  );
  const shares = weightShares(draft.content);
  const setSections = (sections: Section[]) => setDraft({ ...draft, content: { sections } });
  const setSection = (index: number, section: Section) =>
    setSections(draft.content.sections.map((s, i) => (i === index ? section : s)));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = saveScorecardInput.safeParse({ templateId, ...draft });
    if (!parsed.success) {
      setErrors(new Set(parsed.error.issues.map((issue) => issue.path.join("."))));
      return;
    }
    setErrors(new Set());
    save.mutate(parsed.data);
  };

  return (
    <form onSubmit={onSubmit} className="space-y-6" noValidate data-testid="scorecard-editor">
      {version ? (
        <p className="text-sm text-slate-600">{t("quality.editor.versionNote", { version })}</p>
      ) : null}
      <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_12rem]">
        <div className="space-y-1">
          <label htmlFor={nameId} className="text-sm font-medium text-slate-800">
            {t("quality.editor.name")}
          </label>
          <input
            id={nameId}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            className={inputClass(errors.has("name"))}
            aria-invalid={errors.has("name") || undefined}
            data-testid="scorecard-name"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor={thresholdId} className="text-sm font-medium text-slate-800">
            {t("quality.editor.threshold")}
          </label>
          <input
            id={thresholdId}
            type="number"
            min={0}
            max={100}
            value={draft.passThreshold}
            onChange={(e) =>
              setDraft({ ...draft, passThreshold: Math.round(Number(e.target.value)) })
            }
            className={inputClass(errors.has("passThreshold"))}
            data-testid="scorecard-threshold"
          />
        </div>
      </div>
      <p className="text-xs text-slate-500">{t("quality.editor.rules")}</p>
      {draft.content.sections.map((section, s) => (
        <fieldset
          key={section.id}
          className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
          data-testid="section-editor"
        >
          <div className="flex flex-wrap items-center gap-2">
            <input
              value={section.title}
              onChange={(e) => setSection(s, { ...section, title: e.target.value })}
              placeholder={t("quality.editor.sectionTitle")}
              aria-label={t("quality.editor.sectionTitle")}
              className={inputClass(
                errors.has(`content.sections.${s}.title`),
                "h-9 min-w-0 flex-1 font-medium",
              )}
              data-testid="section-title"
            />
            <button
              type="button"
              onClick={() => setSections(move(draft.content.sections, s, -1))}
              className="px-1 text-slate-500"
              aria-label={t("quality.editor.moveUp")}
            >
              ↑
            </button>
            <button
              type="button"
              onClick={() => setSections(move(draft.content.sections, s, 1))}
              className="px-1 text-slate-500"
              aria-label={t("quality.editor.moveDown")}
            >
              ↓
            </button>
            {draft.content.sections.length > 1 ? (
              <button
                type="button"
                onClick={() => setSections(draft.content.sections.filter((_, i) => i !== s))}
                className="text-xs text-slate-500 hover:text-red-700"
              >
                {t("quality.editor.removeSection")}
              </button>
            ) : null}
          </div>
          {section.criteria.map((criterion, c) => (
            <CriterionEditor
              key={criterion.id}
              criterion={criterion}
              share={shares.get(criterion.id) ?? 0}
              path={`content.sections.${s}.criteria.${c}`}
              errors={errors}
              onChange={(next) =>
                setSection(s, {
                  ...section,
                  criteria: section.criteria.map((x, i) => (i === c ? next : x)),
                })
              }
              onRemove={() =>
                setSection(s, { ...section, criteria: section.criteria.filter((_, i) => i !== c) })
              }
              onMove={(delta) =>
                setSection(s, { ...section, criteria: move(section.criteria, c, delta) })
              }
            />
          ))}
          {errors.has(`content.sections.${s}.criteria`) ? (
            <p className="text-sm text-red-700">{t("quality.editor.noCriteria")}</p>
          ) : null}
          <button
            type="button"
            onClick={() =>
              setSection(s, { ...section, criteria: [...section.criteria, blankCriterion()] })
            }
            className={buttonClass("secondary", "sm")}
            data-testid="criterion-add"
          >
            {t("quality.editor.addCriterion")}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        onClick={() => setSections([...draft.content.sections, blankSection()])}
        className={buttonClass("secondary", "sm")}
        data-testid="section-add"
      >
        {t("quality.editor.addSection")}
      </button>
      {errors.size > 0 ? (
        <Alert testId="scorecard-invalid">{t("quality.editor.invalid")}</Alert>
      ) : null}
      {save.isError ? (
        <Alert testId="scorecard-error">
          {getAppErrorCode(save.error) === "CONFLICT"
            ? t("quality.editor.nameTaken")
            : describeError(t, save.error)}
        </Alert>
      ) : null}
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={save.isPending}
          className={buttonClass("primary")}
          data-testid="scorecard-save"
        >
          {save.isPending ? <Spinner className="size-4" /> : null}
          {templateId ? t("quality.editor.saveVersion") : t("quality.editor.create")}
        </button>
        <button
          type="button"
          onClick={() => router.push("/quality?tab=scorecards")}
          className={buttonClass("secondary")}
        >
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
