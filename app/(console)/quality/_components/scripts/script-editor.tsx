"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { allCriteria } from "@/lib/quality/scoring";
import { saveScriptInput } from "@/lib/scripts/schemas";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError, getAppErrorCode } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { inputClass } from "@/lib/ui/input-styles";
import { Spinner } from "@/lib/ui/spinner";
import { move } from "@/app/(console)/quality/_components/scorecard-draft";
import {
  blankStep,
  fromDraft,
  type ScriptDraft,
} from "@/app/(console)/quality/_components/scripts/script-draft";
import { StepEditor } from "@/app/(console)/quality/_components/scripts/step-editor";

type ScriptEditorProps = { scriptId?: string; version?: number; initial: ScriptDraft };

/** Writes a call script; saving an existing one adds a version and leaves past checks alone. */
export function ScriptEditor({ scriptId, version, initial }: ScriptEditorProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const nameId = useId();
  const numbersId = useId();
  const cardId = useId();
  const [draft, setDraft] = useState(initial);
  // After a first refused save the highlights follow the fields as they are corrected.
  const [isTried, setTried] = useState(false);
  const templates = useQuery(trpc.quality.templates.queryOptions({ withArchived: false }));
  const template = useQuery({
    ...trpc.quality.template.queryOptions({ templateId: draft.templateId ?? "" }),
    enabled: draft.templateId !== null,
  });
  const criteria =
    draft.templateId && template.data ? allCriteria(template.data.latest.content) : [];
  const save = useMutation(
    trpc.scripts.save.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.scripts.pathKey() });
        router.push("/quality?tab=scripts");
      },
    }),
  );
  const setSteps = (steps: ScriptDraft["steps"]) => setDraft({ ...draft, steps });
  const toggleDirection = (direction: "IN" | "OUT", isOn: boolean) =>
    setDraft({
      ...draft,
      directions: isOn
        ? [...draft.directions, direction]
        : draft.directions.filter((d) => d !== direction),
    });

  const parsed = saveScriptInput.safeParse(fromDraft(draft, scriptId));
  const errors = new Set(
    isTried && !parsed.success ? parsed.error.issues.map((issue) => issue.path.join(".")) : [],
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (parsed.success) save.mutate(parsed.data);
  };

  return (
    <form onSubmit={onSubmit} className="space-y-6" noValidate data-testid="script-editor">
      {version ? (
        <p className="text-sm text-slate-600">{t("scripts.editor.versionNote", { version })}</p>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor={nameId} className="text-sm font-medium text-slate-800">
            {t("scripts.editor.name")}
          </label>
          <input
            id={nameId}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            className={inputClass(errors.has("name"))}
            aria-invalid={errors.has("name") || undefined}
            data-testid="script-name"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor={cardId} className="text-sm font-medium text-slate-800">
            {t("scripts.editor.scorecard")}
          </label>
          <select
            id={cardId}
            value={draft.templateId ?? ""}
            onChange={(e) =>
              setDraft({
                ...draft,
                templateId: e.target.value || null,
                // Links name the criteria of one scorecard: another one starts them afresh.
                steps: draft.steps.map((s) => ({ ...s, criterionId: null })),
              })
            }
            className={inputClass(false)}
            data-testid="script-scorecard"
          >
            <option value="">{t("scripts.editor.noScorecard")}</option>
            {templates.data?.map((tpl) => (
              <option key={tpl.id} value={tpl.id}>
                {tpl.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="flex flex-wrap items-end gap-4">
        <legend className="mb-1 text-sm font-medium text-slate-800">
          {t("scripts.editor.appliesTo")}
        </legend>
        {(["IN", "OUT"] as const).map((direction) => (
          <label key={direction} className="flex h-9 items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={draft.directions.includes(direction)}
              onChange={(e) => toggleDirection(direction, e.target.checked)}
              data-testid={`script-direction-${direction}`}
            />
            {t(`scripts.direction.${direction}`)}
          </label>
        ))}
        <div className="min-w-72 flex-1 space-y-1">
          <label htmlFor={numbersId} className="text-xs font-medium text-slate-700">
            {t("scripts.editor.numbers")}
          </label>
          <input
            id={numbersId}
            value={draft.numbers}
            onChange={(e) => setDraft({ ...draft, numbers: e.target.value })}
            placeholder="+74951234567, +74957654321"
            className={inputClass(errors.has("numbers"), "h-9 w-full")}
            data-testid="script-numbers"
          />
        </div>
        <label className="flex h-9 items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={draft.isEnabled}
            onChange={(e) => setDraft({ ...draft, isEnabled: e.target.checked })}
            data-testid="script-enabled"
          />
          {t("scripts.editor.enabled")}
        </label>
      </fieldset>
      <p className="text-xs text-slate-500">{t("scripts.editor.rules")}</p>
      {draft.steps.map((step, i) => (
        <StepEditor
          key={step.id}
          step={step}
          index={i}
          criteria={criteria}
          errors={errors}
          onChange={(next) => setSteps(draft.steps.map((s, j) => (j === i ? next : s)))}
          onRemove={
            draft.steps.length > 1
              ? () => setSteps(draft.steps.filter((_, j) => j !== i))
              : undefined
          }
          onMove={(delta) => setSteps(move(draft.steps, i, delta))}
        />
      ))}
      <button
        type="button"
        onClick={() => setSteps([...draft.steps, blankStep()])}
        className={buttonClass("secondary", "sm")}
        data-testid="step-add"
      >
        {t("scripts.editor.addStep")}
      </button>
      {errors.size > 0 ? (
        <Alert testId="script-invalid">{t("scripts.editor.invalid")}</Alert>
      ) : null}
      {save.isError ? (
        <Alert testId="script-error">
          {getAppErrorCode(save.error) === "CONFLICT"
            ? t("scripts.editor.nameTaken")
            : describeError(t, save.error)}
        </Alert>
      ) : null}
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={save.isPending}
          className={buttonClass("primary")}
          data-testid="script-save"
        >
          {save.isPending ? <Spinner className="size-4" /> : null}
          {scriptId ? t("scripts.editor.saveVersion") : t("scripts.editor.create")}
        </button>
        <button
          type="button"
          onClick={() => router.push("/quality?tab=scripts")}
          className={buttonClass("secondary")}
        >
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
