"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import {
  samplingRuleInput,
  type SamplingRuleInput,
  type SamplingRuleKind,
} from "@/lib/schemas/quality";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { Dialog } from "@/lib/ui/dialog";
import { inputClass } from "@/lib/ui/input-styles";

export type RuleDraft = {
  ruleId?: string;
  name: string;
  kind: SamplingRuleKind;
  count: number;
  threshold: number;
  templateId: string;
  reviewerIds: string[];
  dueDays: number;
  isEnabled: boolean;
};

// Thresholds are typed in the unit people think in: seconds of talk, minutes of call, seconds of silence.
const UNIT: Record<SamplingRuleKind, number> = {
  PER_MANAGER_WEEK: 1,
  LONGER_THAN: 60,
  SILENCE_OVER: 1,
};

export const toDraft = (
  rule: Omit<RuleDraft, "threshold"> & { thresholdSec: number },
): RuleDraft => ({
  ...rule,
  threshold: Math.round(rule.thresholdSec / UNIT[rule.kind]),
});

export function RuleDialog({ draft, onClose }: { draft: RuleDraft | null; onClose: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<RuleDraft | null>(draft);
  const [errors, setErrors] = useState<Set<string>>(new Set());
  if (draft !== null && value === null) setValue(draft);
  if (draft === null && value !== null) setValue(null);
  const templates = useQuery(trpc.quality.templates.queryOptions({ withArchived: false }));
  const reviewers = useQuery(trpc.quality.reviewers.queryOptions());
  const save = useMutation(
    trpc.quality.saveRule.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.quality.rules.pathKey() });
        onClose();
      },
    }),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!value) return;
    const input: SamplingRuleInput = {
      ruleId: value.ruleId,
      name: value.name,
      kind: value.kind,
      count: value.count,
      thresholdSec: value.threshold * UNIT[value.kind],
      templateId: value.templateId,
      reviewerIds: value.reviewerIds,
      dueDays: value.dueDays,
      isEnabled: value.isEnabled,
    };
    const parsed = samplingRuleInput.safeParse(input);
    if (!parsed.success)
      return setErrors(new Set(parsed.error.issues.map((i) => String(i.path[0]))));
    setErrors(new Set());
    save.mutate(parsed.data);
  };
  const set = (patch: Partial<RuleDraft>) => value && setValue({ ...value, ...patch });
  return (
    <Dialog
      isOpen={draft !== null}
      onClose={onClose}
      title={draft?.ruleId ? t("quality.rules.edit") : t("quality.rules.new")}
      closeLabel={t("common.close")}
      testId="rule-dialog"
    >
      {value ? (
        <form onSubmit={onSubmit} className="space-y-3" noValidate>
          <label className="block space-y-1 text-sm font-medium text-slate-800">
            {t("quality.rules.name")}
            <input
              value={value.name}
              onChange={(e) => set({ name: e.target.value })}
              className={inputClass(errors.has("name"))}
              data-testid="rule-name"
            />
          </label>
          <label className="block space-y-1 text-sm font-medium text-slate-800">
            {t("quality.rules.kind")}
            <select
              value={value.kind}
              onChange={(e) => set({ kind: e.target.value as SamplingRuleKind })}
              className={inputClass(false)}
              data-testid="rule-kind"
            >
              {(["PER_MANAGER_WEEK", "LONGER_THAN", "SILENCE_OVER"] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`quality.rules.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <div className="grid grid-cols-2 gap-3">
            {value.kind === "PER_MANAGER_WEEK" ? (
              <label className="block space-y-1 text-sm font-medium text-slate-800">
                {t("quality.rules.count")}
                <input
                  type="number"
                  min={1}
                  value={value.count}
                  onChange={(e) => set({ count: Math.round(Number(e.target.value)) })}
                  className={inputClass(errors.has("count"))}
                  data-testid="rule-count"
                />
              </label>
            ) : null}
            <label className="block space-y-1 text-sm font-medium text-slate-800">
              {t(`quality.rules.threshold.${value.kind}`)}
              <input
                type="number"
                min={0}
                value={value.threshold}
                onChange={(e) => set({ threshold: Math.round(Number(e.target.value)) })}
                className={inputClass(errors.has("thresholdSec"))}
                data-testid="rule-threshold"
              />
            </label>
          </div>
          {value.kind === "SILENCE_OVER" ? (
            <p className="text-xs text-slate-500">{t("quality.rules.silenceNote")}</p>
          ) : null}
          <label className="block space-y-1 text-sm font-medium text-slate-800">
            {t("quality.start.scorecard")}
            <select
              value={value.templateId}
              onChange={(e) => set({ templateId: e.target.value })}
              className={inputClass(errors.has("templateId"))}
              data-testid="rule-template"
            >
              <option value="">—</option>
              {templates.data?.map((tpl) => (
                <option key={tpl.id} value={tpl.id}>
                  {tpl.name}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="space-y-1">
            <legend
              className={
                errors.has("reviewerIds")
                  ? "text-sm font-medium text-red-700"
                  : "text-sm font-medium text-slate-800"
              }
            >
              {t("quality.rules.reviewers")}
            </legend>
            {reviewers.data?.map((r) => (
              <label key={r.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={value.reviewerIds.includes(r.id)}
                  onChange={(e) =>
                    set({
                      reviewerIds: e.target.checked
                        ? [...value.reviewerIds, r.id]
                        : value.reviewerIds.filter((id) => id !== r.id),
                    })
                  }
                  data-testid="rule-reviewer"
                />
                {r.name}
              </label>
            ))}
          </fieldset>
          <div className="grid grid-cols-2 gap-3">
            <label className="block space-y-1 text-sm font-medium text-slate-800">
              {t("quality.rules.dueDays")}
              <input
                type="number"
                min={1}
                max={60}
                value={value.dueDays}
                onChange={(e) => set({ dueDays: Math.round(Number(e.target.value)) })}
                className={inputClass(errors.has("dueDays"))}
              />
            </label>
            <label className="flex items-end gap-2 pb-2 text-sm text-slate-800">
              <input
                type="checkbox"
                checked={value.isEnabled}
                onChange={(e) => set({ isEnabled: e.target.checked })}
              />
              {t("quality.rules.enabled")}
            </label>
          </div>
          {errors.size > 0 ? <Alert>{t("quality.rules.invalid")}</Alert> : null}
          {save.isError ? <Alert>{describeError(t, save.error)}</Alert> : null}
          <div className="flex justify-end gap-2">
            <button type="button" onClick={onClose} className={buttonClass("secondary")}>
              {t("common.cancel")}
            </button>
            <button
              type="submit"
              disabled={save.isPending}
              className={buttonClass("primary")}
              data-testid="rule-save"
            >
              {t("quality.rules.save")}
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
