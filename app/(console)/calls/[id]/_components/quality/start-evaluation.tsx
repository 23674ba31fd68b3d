"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { buttonClass } from "@/lib/ui/button-styles";
import { inputClass } from "@/lib/ui/input-styles";

type StartEvaluationProps = {
  templateId: string;
  onTemplateChange: (templateId: string) => void;
  onStart: () => void;
};

/** Pick a scorecard and open the form (when the call did not come from the review queue). */
export function StartEvaluation({ templateId, onTemplateChange, onStart }: StartEvaluationProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const templates = useQuery(trpc.quality.templates.queryOptions({ withArchived: false }));
  if (templates.isPending) return <p className="text-sm text-slate-500">{t("common.loading")}</p>;
  if (templates.isError) return <p className="text-sm text-red-700">{t("quality.loadFailed")}</p>;
  if (templates.data.length === 0)
    return (
      <p className="text-sm text-slate-600">
        {t("quality.start.noScorecards")}{" "}
        <Link href="/quality/scorecards/new" className="text-brand-700 font-medium hover:underline">
          {t("quality.scorecards.new")}
        </Link>
      </p>
    );
  const chosen = templateId || templates.data[0]?.id || "";
  return (
    <div className="flex flex-wrap items-center gap-2">
      <select
        value={chosen}
        onChange={(e) => onTemplateChange(e.target.value)}
        className={inputClass(false, "h-9 max-w-72")}
        aria-label={t("quality.start.scorecard")}
        data-testid="evaluation-template"
      >
        {templates.data.map((template) => (
          <option key={template.id} value={template.id}>
            {template.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        onClick={() => {
          if (!templateId && chosen) onTemplateChange(chosen);
          onStart();
        }}
        className={buttonClass("primary", "sm")}
        data-testid="evaluation-start"
      >
        {t("quality.start.evaluate")}
      </button>
    </div>
  );
}
