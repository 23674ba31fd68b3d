import type { Translate } from "@/lib/i18n/translate";
import type { AnswerValue, CriterionKind } from "@/lib/schemas/quality";

// Shared wording of scores and answers across the quality screens.

export function formatScore(score: number | null): string {
  return score === null
    ? "—"
    : `${score.toLocaleString(undefined, { maximumFractionDigits: 1 })} %`;
}

export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 1000) / 10} %`;
}

export function answerLabel(t: Translate, kind: CriterionKind, value: string | null): string {
  if (value === null) return "—";
  if (value === "na") return t("quality.answer.na");
  if (kind === "yesNo") return value === "yes" ? t("quality.answer.yes") : t("quality.answer.no");
  return `${value} / 5`;
}

export const isAnswerValue = (value: string): value is AnswerValue =>
  ["yes", "no", "na", "1", "2", "3", "4", "5"].includes(value);
