"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { buttonClass } from "@/lib/ui/button-styles";
import { formatPhone } from "@/lib/ui/format-phone";
import { inputClass } from "@/lib/ui/input-styles";
import { MultiSelect } from "@/lib/ui/multi-select";
import { SavedViews } from "@/app/(console)/reports/_components/saved-views";
import type { FilterOptions } from "@/app/(console)/reports/_components/types";
import type {
  ReportState,
  useReportState,
} from "@/app/(console)/reports/_components/use-report-state";

type Props = {
  options: FilterOptions;
  controls: ReturnType<typeof useReportState>;
  isRangeValid: boolean;
};

const label = "mb-1 block text-xs font-medium text-slate-600";

// Two rows: the period (presets and dates), then the filters and saved views side by side.
// Each control keeps its own column, so long labels never run into each other.
export function ReportFilterBar({ options, controls, isRangeValid }: Props) {
  const { t } = useI18n();
  const { state, update, setPreset, presets } = controls;
  const set = (patch: Partial<ReportState>) => update({ ...state, ...patch });

  return (
    <section
      aria-label={t("reports.filters")}
      className="mb-6 space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="report-filters"
    >
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <div>
          <span className={label} id="report-period-label">
            {t("reports.period")}
          </span>
          <div role="group" aria-labelledby="report-period-label" className="flex flex-wrap gap-1">
            {presets.map((p) => (
              <button
                key={p}
                type="button"
                aria-pressed={state.preset === p}
                data-testid={`period-${p}`}
                onClick={() => setPreset(p)}
                className={buttonClass(state.preset === p ? "primary" : "secondary", "sm")}
              >
                {t(`reports.period.${p}`)}
              </button>
            ))}
          </div>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <label className="text-xs font-medium text-slate-600">
            {t("reports.from")}
            <input
              type="date"
              data-testid="period-from"
              value={state.from}
              aria-invalid={!isRangeValid}
              onChange={(e) => set({ preset: "custom", from: e.target.value })}
              className={inputClass(!isRangeValid, "mt-1 h-9 w-40")}
            />
          </label>
          <label className="text-xs font-medium text-slate-600">
            {t("reports.to")}
            <input
              type="date"
              data-testid="period-to"
              value={state.to}
              aria-invalid={!isRangeValid}
              onChange={(e) => set({ preset: "custom", to: e.target.value })}
              className={inputClass(!isRangeValid, "mt-1 h-9 w-40")}
            />
          </label>
        </div>
      </div>
      {!isRangeValid ? (
        <p role="alert" className="text-sm text-red-700">
          {t("reports.badRange")}
        </p>
      ) : null}
      <div className="grid gap-4 border-t border-slate-100 pt-4 md:grid-cols-2 xl:grid-cols-[1fr_1fr_1.4fr]">
        <MultiSelect
          label={t("reports.managers")}
          emptyText={t("reports.allManagers")}
          options={options.managers.map((m) => ({ id: m.id, label: m.name }))}
          selected={state.managerIds}
          onChange={(managerIds) => set({ managerIds })}
          testId="filter-managers"
        />
        <MultiSelect
          label={t("reports.numbers")}
          emptyText={t("reports.allNumbers")}
          options={options.numbers.map((n) => ({
            id: n.e164,
            label: n.label ? `${n.label} · ${formatPhone(n.e164)}` : formatPhone(n.e164),
          }))}
          selected={state.numbers}
          onChange={(numbers) => set({ numbers })}
          testId="filter-numbers"
        />
        <SavedViews controls={controls} className="md:col-span-2 xl:col-span-1" />
      </div>
    </section>
  );
}
