"use client";

import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { buttonClass } from "@/lib/ui/button-styles";
import { inputClass } from "@/lib/ui/input-styles";
import { formatPhone } from "@/lib/ui/format-phone";
import type { FilterOptions } from "./types";
import type { ReportState, useReportState } from "./use-report-state";

type Props = {
  options: FilterOptions;
  controls: ReturnType<typeof useReportState>;
  isRangeValid: boolean;
};

const label = "mb-1 block text-xs font-medium text-slate-600";

export function ReportFilterBar({ options, controls, isRangeValid }: Props) {
  const { t } = useI18n();
  const { state, update, setPreset, views, saveView, deleteView, openView, presets } = controls;
  const [viewName, setViewName] = useState("");
  const set = (patch: Partial<ReportState>) => update({ ...state, ...patch });
  const picked = (e: React.ChangeEvent<HTMLSelectElement>) =>
    [...e.target.selectedOptions].map((o) => o.value).filter(Boolean);

  return (
    <section
      aria-label={t("reports.period")}
      className="mb-6 grid gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm lg:grid-cols-[auto_1fr_1fr]"
    >
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
        <div className="mt-3 flex flex-wrap items-end gap-3">
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
        {!isRangeValid ? (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {t("reports.badRange")}
          </p>
        ) : null}
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className={label}>
          {t("reports.managers")}
          <select
            multiple
            data-testid="filter-managers"
            value={state.managerIds}
            onChange={(e) => set({ managerIds: picked(e) })}
            className={inputClass(false, "mt-1 h-28 w-full py-1")}
          >
            {options.managers.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          {state.managerIds.length === 0 ? (
            <span className="mt-1 block text-slate-500">{t("reports.allManagers")}</span>
          ) : null}
        </label>
        <label className={label}>
          {t("reports.numbers")}
          <select
            multiple
            data-testid="filter-numbers"
            value={state.numbers}
            onChange={(e) => set({ numbers: picked(e) })}
            className={inputClass(false, "mt-1 h-28 w-full py-1")}
          >
            {options.numbers.map((n) => (
              <option key={n.e164} value={n.e164}>
                {n.label ? `${n.label} · ${formatPhone(n.e164)}` : formatPhone(n.e164)}
              </option>
            ))}
          </select>
          {state.numbers.length === 0 ? (
            <span className="mt-1 block text-slate-500">{t("reports.allNumbers")}</span>
          ) : null}
        </label>
      </div>
      <div className="space-y-3">
        <label className={label}>
          {t("reports.savedViews")}
          <select
            data-testid="saved-views"
            value=""
            onChange={(e) => openView(e.target.value)}
            className={inputClass(false, "mt-1 h-9 w-full")}
          >
            <option value="">{t("reports.savedViewPick")}</option>
            {views.map((v) => (
              <option key={v.name} value={v.name}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <form
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!viewName.trim()) return;
            saveView(viewName);
            setViewName("");
          }}
        >
          <label className="flex-1 text-xs font-medium text-slate-600">
            {t("reports.viewName")}
            <input
              value={viewName}
              maxLength={60}
              onChange={(e) => setViewName(e.target.value)}
              className={inputClass(false, "mt-1 h-9 w-full")}
            />
          </label>
          <button type="submit" className={buttonClass("secondary", "sm", "h-9")}>
            {t("reports.saveView")}
          </button>
        </form>
        {views.length > 0 ? (
          <ul className="flex flex-wrap gap-1">
            {views.map((v) => (
              <li key={v.name}>
                <button
                  type="button"
                  onClick={() => deleteView(v.name)}
                  className={buttonClass("ghost", "sm")}
                  aria-label={`${t("reports.deleteView")}: ${v.name}`}
                >
                  {v.name} ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
