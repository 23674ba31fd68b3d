"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import type { CriterionKind } from "@/lib/schemas/quality";
import { answerLabel } from "@/app/(console)/quality/_components/quality-format";

type AutoMarkProps = { kind: CriterionKind; value: string | undefined; autoValue: string | null };

/** "auto" beside an answer the script check gave; "changed from auto: …" once a person changed it. */
export function AutoMark({ kind, value, autoValue }: AutoMarkProps) {
  const { t } = useI18n();
  if (autoValue === null) return null;
  const isOverride = value !== undefined && value !== autoValue;
  return (
    <span
      className={
        isOverride
          ? "ml-1 inline-flex rounded bg-amber-50 px-1 text-[11px] font-medium text-amber-800 ring-1 ring-amber-200"
          : "ml-1 inline-flex rounded bg-sky-50 px-1 text-[11px] font-medium text-sky-800 ring-1 ring-sky-200"
      }
      title={t("scripts.auto.hint")}
      data-testid={isOverride ? "answer-overridden" : "answer-auto"}
    >
      {isOverride
        ? t("scripts.auto.overridden", { value: answerLabel(t, kind, autoValue) })
        : t("scripts.auto.label")}
    </span>
  );
}
