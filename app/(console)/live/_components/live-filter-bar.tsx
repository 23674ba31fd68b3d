"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { buttonClass } from "@/lib/ui/button-styles";
import { formatPhone } from "@/lib/ui/format-phone";
import { inputClass } from "@/lib/ui/input-styles";
import { companyNumber } from "@/app/(console)/live/_components/call-text";
import { hasFilters, type LiveFilters } from "@/app/(console)/live/_components/live-filters";
import type { LiveCall, ManagerStatus } from "@/app/(console)/live/_components/types";

type Option = { value: string; label: string };

type LiveFilterBarProps = {
  filters: LiveFilters;
  calls: LiveCall[];
  managers: ManagerStatus[];
  onChange: (filters: LiveFilters) => void;
};

function numberOptions(calls: LiveCall[], selected: string): Option[] {
  const byNumber = new Map<string, string>();
  for (const call of calls) {
    const number = companyNumber(call);
    byNumber.set(number, call.numberLabel ?? formatPhone(number));
  }
  if (selected && !byNumber.has(selected)) byNumber.set(selected, formatPhone(selected));
  return [...byNumber].map(([value, label]) => ({ value, label }));
}

function managerOptions(calls: LiveCall[], managers: ManagerStatus[], selected: string): Option[] {
  const byId = new Map<string, string>(managers.map((m) => [m.id, m.name]));
  for (const call of calls) if (call.manager) byId.set(call.manager.id, call.manager.name);
  if (selected && !byId.has(selected)) byId.set(selected, selected);
  return [...byId].map(([value, label]) => ({ value, label }));
}

export function LiveFilterBar({ filters, calls, managers, onChange }: LiveFilterBarProps) {
  const { t } = useI18n();
  const selects: Array<{ key: keyof LiveFilters; label: string; options: Option[] }> = [
    { key: "number", label: t("live.filterNumber"), options: numberOptions(calls, filters.number) },
    {
      key: "manager",
      label: t("live.filterManager"),
      options: managerOptions(calls, managers, filters.manager),
    },
    {
      key: "direction",
      label: t("live.filterDirection"),
      options: (["IN", "OUT", "INTERNAL"] as const).map((value) => ({
        value,
        label: t(`live.direction.${value}`),
      })),
    },
  ];
  return (
    <form
      role="search"
      aria-label={t("live.filtersLabel")}
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => event.preventDefault()}
    >
      {selects.map(({ key, label, options }) => (
        <label key={key} className="text-xs font-medium text-slate-600">
          {label}
          <select
            value={filters[key]}
            onChange={(event) => onChange({ ...filters, [key]: event.target.value })}
            data-testid={`live-filter-${key}`}
            className={inputClass(false, "mt-1 h-9 w-44")}
          >
            <option value="">{t("live.filterAll")}</option>
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      ))}
      {hasFilters(filters) ? (
        <button
          type="button"
          onClick={() => onChange({ number: "", manager: "", direction: "" })}
          className={buttonClass("ghost", "sm", "mb-0.5")}
        >
          {t("live.filterClear")}
        </button>
      ) : null}
    </form>
  );
}
