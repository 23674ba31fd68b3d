"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import type { Criterion } from "@/lib/schemas/quality";
import { inputClass } from "@/lib/ui/input-styles";

type CriterionEditorProps = {
  criterion: Criterion;
  share: number;
  path: string;
  errors: ReadonlySet<string>;
  onChange: (criterion: Criterion) => void;
  onRemove: () => void;
  onMove: (delta: -1 | 1) => void;
};

/** One criterion row of the scorecard editor. */
export function CriterionEditor({
  criterion,
  share,
  path,
  errors,
  onChange,
  onRemove,
  onMove,
}: CriterionEditorProps) {
  const { t } = useI18n();
  const has = (field: string) => errors.has(`${path}.${field}`);
  return (
    <div
      className="grid gap-2 rounded-md border border-slate-200 p-3 md:grid-cols-[minmax(0,1fr)_9rem_6rem_auto]"
      data-testid="criterion-editor"
    >
      <div className="space-y-1">
        <input
          value={criterion.title}
          onChange={(e) => onChange({ ...criterion, title: e.target.value })}
          placeholder={t("quality.editor.criterionTitle")}
          aria-label={t("quality.editor.criterionTitle")}
          aria-invalid={has("title") || undefined}
          className={inputClass(has("title"), "h-9 w-full")}
          data-testid="criterion-title"
        />
        <input
          value={criterion.description}
          onChange={(e) => onChange({ ...criterion, description: e.target.value })}
          placeholder={t("quality.editor.criterionHint")}
          aria-label={t("quality.editor.criterionHint")}
          className={inputClass(false, "h-8 w-full text-xs")}
        />
      </div>
      <select
        value={criterion.kind}
        onChange={(e) =>
          onChange({ ...criterion, kind: e.target.value === "scale" ? "scale" : "yesNo" })
        }
        aria-label={t("quality.editor.kind")}
        className={inputClass(false, "h-9 w-full")}
        data-testid="criterion-kind"
      >
        <option value="yesNo">{t("quality.editor.kindYesNo")}</option>
        <option value="scale">{t("quality.editor.kindScale")}</option>
      </select>
      <div>
        <input
          type="number"
          min={1}
          max={100}
          value={Number.isFinite(criterion.weight) ? criterion.weight : ""}
          onChange={(e) => onChange({ ...criterion, weight: Math.round(Number(e.target.value)) })}
          aria-label={t("quality.editor.weight")}
          aria-invalid={has("weight") || undefined}
          className={inputClass(has("weight"), "h-9 w-full")}
          data-testid="criterion-weight"
        />
        <span className="text-xs text-slate-500 tabular-nums" data-testid="criterion-share">
          {t("quality.editor.share", { share })}
        </span>
      </div>
      <div className="flex flex-wrap items-start gap-2">
        <label className="flex h-9 items-center gap-1.5 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={criterion.isCritical}
            onChange={(e) => onChange({ ...criterion, isCritical: e.target.checked })}
            data-testid="criterion-critical"
          />
          {t("quality.critical")}
        </label>
        <button
          type="button"
          onClick={() => onMove(-1)}
          className="h-9 px-1 text-slate-500 hover:text-slate-900"
          aria-label={t("quality.editor.moveUp")}
        >
          ↑
        </button>
        <button
          type="button"
          onClick={() => onMove(1)}
          className="h-9 px-1 text-slate-500 hover:text-slate-900"
          aria-label={t("quality.editor.moveDown")}
        >
          ↓
        </button>
        <button
          type="button"
          onClick={onRemove}
          className="h-9 px-1 text-xs text-slate-500 hover:text-red-700"
        >
          {t("quality.editor.remove")}
        </button>
      </div>
    </div>
  );
}
