"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { answersFor } from "@/lib/quality/scoring";
import type { AnswerValue, CriterionKind } from "@/lib/schemas/quality";
import { cn } from "@/lib/ui/cn";
import { answerLabel } from "@/app/(console)/quality/_components/quality-format";

type AnswerPickerProps = {
  name: string;
  label: string;
  kind: CriterionKind;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue) => void;
  hasError?: boolean;
  testId?: string;
};

/** Yes / no / n.a. or 1–5 / n.a. as a radio group: arrow keys move, the choice is one click. */
export function AnswerPicker({
  name,
  label,
  kind,
  value,
  onChange,
  hasError,
  testId,
}: AnswerPickerProps) {
  const { t } = useI18n();
  return (
    <div
      role="radiogroup"
      aria-label={label}
      aria-invalid={hasError || undefined}
      className="flex flex-wrap gap-1"
      data-testid={testId}
    >
      {answersFor(kind).map((option) => {
        const isChecked = value === option;
        return (
          <label
            key={option}
            className={cn(
              "focus-within:ring-brand-500 inline-flex h-8 min-w-9 cursor-pointer items-center justify-center rounded-md border px-2 text-sm focus-within:ring-2",
              isChecked
                ? option === "no" || option === "1" || option === "2"
                  ? "border-red-300 bg-red-50 font-medium text-red-800"
                  : option === "na"
                    ? "border-slate-400 bg-slate-100 font-medium text-slate-800"
                    : "border-emerald-300 bg-emerald-50 font-medium text-emerald-800"
                : hasError
                  ? "border-red-400 bg-white text-slate-700"
                  : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
            )}
          >
            <input
              type="radio"
              name={name}
              value={option}
              checked={isChecked}
              onChange={() => onChange(option)}
              className="sr-only"
              data-testid={`${testId ?? name}-${option}`}
            />
            {kind === "scale" && option !== "na" ? option : answerLabel(t, kind, option)}
          </label>
        );
      })}
    </div>
  );
}
