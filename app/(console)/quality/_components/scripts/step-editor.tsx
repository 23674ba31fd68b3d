"use client";

import { useId } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import type { Criterion } from "@/lib/schemas/quality";
import { inputClass } from "@/lib/ui/input-styles";
import type { StepDraft } from "@/app/(console)/quality/_components/scripts/script-draft";

type StepEditorProps = {
  step: StepDraft;
  index: number;
  criteria: Criterion[];
  errors: Set<string>;
  onChange: (step: StepDraft) => void;
  onRemove?: () => void;
  onMove: (delta: -1 | 1) => void;
};

const seconds = (value: string): number | null =>
  value.trim() === "" ? null : Math.max(0, Math.round(Number(value)));

/** One step: what to say (one phrase per line), what never to say, who, when, and its criterion. */
export function StepEditor({ step, index, criteria, errors, ...props }: StepEditorProps) {
  const { t } = useI18n();
  const id = useId();
  const path = `content.steps.${index}`;
  const set = (patch: Partial<StepDraft>) => props.onChange({ ...step, ...patch });
  const label = "text-xs font-medium text-slate-700";
  return (
    <fieldset
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
      data-testid="step-editor"
    >
      <legend className="sr-only">{t("scripts.editor.stepN", { n: index + 1 })}</legend>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-semibold text-slate-500 tabular-nums">{index + 1}.</span>
        <input
          value={step.title}
          onChange={(e) => set({ title: e.target.value })}
          placeholder={t("scripts.editor.stepTitle")}
          aria-label={t("scripts.editor.stepTitle")}
          className={inputClass(errors.has(`${path}.title`), "h-9 min-w-0 flex-1 font-medium")}
          data-testid="step-title"
        />
        <button
          type="button"
          onClick={() => props.onMove(-1)}
          className="px-1 text-slate-500"
          aria-label={t("quality.editor.moveUp")}
        >
          ↑
        </button>
        <button
          type="button"
          onClick={() => props.onMove(1)}
          className="px-1 text-slate-500"
          aria-label={t("quality.editor.moveDown")}
        >
          ↓
        </button>
        {props.onRemove ? (
          <button
            type="button"
            onClick={props.onRemove}
            className="text-xs text-slate-500 hover:text-red-700"
          >
            {t("quality.editor.remove")}
          </button>
        ) : null}
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor={`${id}-phrases`} className={label}>
            {t("scripts.editor.phrases")}
          </label>
          <textarea
            id={`${id}-phrases`}
            value={step.phrases}
            onChange={(e) => set({ phrases: e.target.value })}
            rows={3}
            placeholder={t("scripts.editor.phrasesPlaceholder")}
            className={inputClass(errors.has(`${path}.phrases`), "w-full py-2")}
            data-testid="step-phrases"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-forbidden`} className={label}>
            {t("scripts.editor.forbidden")}
          </label>
          <textarea
            id={`${id}-forbidden`}
            value={step.forbidden}
            onChange={(e) => set({ forbidden: e.target.value })}
            rows={3}
            placeholder={t("scripts.editor.forbiddenPlaceholder")}
            className={inputClass(false, "w-full py-2")}
            data-testid="step-forbidden"
          />
        </div>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <label className="space-y-1">
          <span className={`block ${label}`}>{t("scripts.editor.party")}</span>
          <select
            value={step.party}
            onChange={(e) =>
              set({
                party:
                  e.target.value === "ANY"
                    ? "ANY"
                    : e.target.value === "CLIENT"
                      ? "CLIENT"
                      : "MANAGER",
              })
            }
            className={inputClass(false, "h-9 w-40")}
            data-testid="step-party"
          >
            <option value="MANAGER">{t("scripts.party.MANAGER")}</option>
            <option value="CLIENT">{t("scripts.party.CLIENT")}</option>
            <option value="ANY">{t("scripts.party.ANY")}</option>
          </select>
        </label>
        <label className="space-y-1">
          <span className={`block ${label}`}>{t("scripts.editor.fromSec")}</span>
          <input
            type="number"
            min={0}
            value={step.fromSec ?? ""}
            onChange={(e) => set({ fromSec: seconds(e.target.value) })}
            className={inputClass(errors.has(`${path}.fromSec`), "h-9 w-24")}
            data-testid="step-from"
          />
        </label>
        <label className="space-y-1">
          <span className={`block ${label}`}>{t("scripts.editor.toSec")}</span>
          <input
            type="number"
            min={0}
            value={step.toSec ?? ""}
            onChange={(e) => set({ toSec: seconds(e.target.value) })}
            className={inputClass(errors.has(`${path}.toSec`), "h-9 w-24")}
            data-testid="step-to"
          />
        </label>
        <label className="flex h-9 items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={step.isOrdered}
            onChange={(e) => set({ isOrdered: e.target.checked })}
            data-testid="step-ordered"
          />
          {t("scripts.editor.ordered")}
        </label>
        <label className="space-y-1">
          <span className={`block ${label}`}>{t("scripts.editor.criterion")}</span>
          <select
            value={step.criterionId ?? ""}
            onChange={(e) => set({ criterionId: e.target.value || null })}
            disabled={criteria.length === 0}
            className={inputClass(errors.has(`${path}.criterionId`), "h-9 w-56")}
            data-testid="step-criterion"
          >
            <option value="">{t("scripts.editor.noCriterion")}</option>
            {criteria.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
      </div>
    </fieldset>
  );
}
