"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { Badge } from "@/lib/ui/badge";
import { buttonClass } from "@/lib/ui/button-styles";
import { EmptyState } from "@/lib/ui/empty-state";
import { Skeleton } from "@/lib/ui/skeleton";
import {
  RuleDialog,
  toDraft,
  type RuleDraft,
} from "@/app/(console)/quality/_components/rule-dialog";
import type { RuleItem } from "@/app/(console)/quality/_components/types";

function describeRule(t: ReturnType<typeof useI18n>["t"], rule: RuleItem): string {
  if (rule.kind === "PER_MANAGER_WEEK")
    return t("quality.rules.describe.PER_MANAGER_WEEK", {
      count: rule.count,
      sec: rule.thresholdSec,
    });
  if (rule.kind === "LONGER_THAN")
    return t("quality.rules.describe.LONGER_THAN", { min: Math.round(rule.thresholdSec / 60) });
  return t("quality.rules.describe.SILENCE_OVER", { sec: rule.thresholdSec });
}

/** Sampling rules that fill the review queue (every 15 minutes, or now). */
export function RulesPanel() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<RuleDraft | null>(null);
  const rules = useQuery(trpc.quality.rules.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.quality.pathKey() });
  const run = useMutation(trpc.quality.runSampling.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.quality.deleteRule.mutationOptions({ onSuccess: invalidate }));
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const blank: RuleDraft = {
    name: "",
    kind: "PER_MANAGER_WEEK",
    count: 3,
    threshold: 30,
    templateId: "",
    reviewerIds: [],
    dueDays: 7,
    isEnabled: true,
  };
  return (
    <section className="space-y-4" data-testid="quality-rules">
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          onClick={() => setEditing(blank)}
          className={buttonClass("primary")}
          data-testid="rule-new"
        >
          {t("quality.rules.new")}
        </button>
        <button
          type="button"
          onClick={() => run.mutate()}
          disabled={run.isPending}
          className={buttonClass("secondary")}
          data-testid="rules-run"
        >
          {t("quality.rules.runNow")}
        </button>
        {run.data ? (
          <span className="text-sm text-slate-600" role="status" data-testid="rules-run-result">
            {t("quality.rules.created", { count: run.data.created })}
          </span>
        ) : null}
      </div>
      <p className="text-xs text-slate-500">{t("quality.rules.hint")}</p>
      {run.isError ? <Alert>{describeError(t, run.error)}</Alert> : null}
      {remove.isError ? <Alert>{describeError(t, remove.error)}</Alert> : null}
      {rules.isPending ? (
        <Skeleton className="h-24 w-full" />
      ) : rules.isError ? (
        <Alert>{t("quality.loadFailed")}</Alert>
      ) : rules.data.length === 0 ? (
        <EmptyState icon="check" title={t("quality.rules.emptyTitle")} testId="rules-empty">
          <p>{t("quality.rules.emptyBody")}</p>
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
          {rules.data.map((rule) => (
            <li
              key={rule.id}
              className="flex flex-wrap items-center gap-3 px-4 py-3"
              data-testid="rule-row"
            >
              <div className="min-w-0 flex-1">
                <p className="font-medium text-slate-900">
                  {rule.name} {rule.isEnabled ? null : <Badge>{t("quality.rules.disabled")}</Badge>}
                </p>
                <p className="text-xs text-slate-500">
                  {describeRule(t, rule)} · {rule.template.name} ·{" "}
                  {t("quality.rules.dueIn", { count: rule.dueDays })} ·{" "}
                  {t("quality.rules.items", { count: rule.itemCount })}
                  {rule.lastRunAt
                    ? ` · ${t("quality.rules.lastRun", { date: date.format(rule.lastRunAt) })}`
                    : null}
                </p>
              </div>
              <button
                type="button"
                onClick={() => setEditing(toDraft({ ...rule, ruleId: rule.id }))}
                className={buttonClass("secondary", "sm")}
              >
                {t("quality.rules.edit")}
              </button>
              <button
                type="button"
                onClick={() => {
                  if (window.confirm(t("quality.rules.confirmDelete")))
                    remove.mutate({ ruleId: rule.id });
                }}
                className="text-xs text-slate-500 hover:text-red-700"
              >
                {t("quality.rules.delete")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <RuleDialog draft={editing} onClose={() => setEditing(null)} />
    </section>
  );
}
