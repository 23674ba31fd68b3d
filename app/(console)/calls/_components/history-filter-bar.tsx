"use client";

import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { callPeriodSchema } from "@/lib/schemas/calls";
import { buttonClass } from "@/lib/ui/button-styles";
import { formatPhone } from "@/lib/ui/format-phone";
import { inputClass } from "@/lib/ui/input-styles";
import {
  hasActiveFilters,
  readForm,
  type HistoryForm,
  type HistoryParam,
} from "@/app/(console)/calls/_components/history-url";

type Option = { value: string; label: string };
type FilterOptions = {
  managers: Array<{ id: string; name: string }>;
  numbers: Array<{ e164: string; label: string | null }>;
};

type HistoryFilterBarProps = {
  form: HistoryForm;
  errors: Partial<Record<HistoryParam, string>>;
  options: FilterOptions | undefined;
  onChange: (form: HistoryForm) => void;
};

const label = "text-xs font-medium text-slate-600";

function withSelected(options: Option[], selected: string): Option[] {
  return selected && !options.some((o) => o.value === selected)
    ? [...options, { value: selected, label: selected }]
    : options;
}

export function HistoryFilterBar({ form, errors, options, onChange }: HistoryFilterBarProps) {
  const { t } = useI18n();
  const id = useId();
  // Text is applied on submit, not on every keystroke.
  const [text, setText] = useState({ client: form.client, q: form.q });
  const [prevForm, setPrevForm] = useState(form);
  if (prevForm.client !== form.client || prevForm.q !== form.q) {
    setPrevForm(form);
    setText({ client: form.client, q: form.q });
  }
  const errorText = (key: HistoryParam) => {
    const code = errors[key];
    if (!code) return undefined;
    return t(code in errorKeys ? errorKeys[code as ErrorCode] : "validation.invalid");
  };
  const set = (key: HistoryParam, value: string) => onChange({ ...form, [key]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...form, client: text.client.trim(), q: text.q.trim() });
  };

  const selects: Array<{ key: HistoryParam; label: string; options: Option[] }> = [
    {
      key: "direction",
      label: t("calls.filterDirection"),
      options: (["IN", "OUT", "INTERNAL"] as const).map((value) => ({
        value,
        label: t(`live.direction.${value}`),
      })),
    },
    {
      key: "result",
      label: t("calls.filterResult"),
      options: (["ANSWERED", "MISSED", "BUSY", "FAILED"] as const).map((value) => ({
        value,
        label: t(`calls.result.${value}`),
      })),
    },
    {
      key: "manager",
      label: t("calls.filterManager"),
      options: withSelected(
        (options?.managers ?? []).map((m) => ({ value: m.id, label: m.name })),
        form.manager,
      ),
    },
    {
      key: "number",
      label: t("calls.filterNumber"),
      options: withSelected(
        (options?.numbers ?? []).map((n) => ({
          value: n.e164,
          label: n.label ? `${n.label} (${formatPhone(n.e164)})` : formatPhone(n.e164),
        })),
        form.number,
      ),
    },
  ];

  return (
    <form
      role="search"
      aria-label={t("calls.filtersLabel")}
      onSubmit={submit}
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
      noValidate
    >
      <div className="flex flex-wrap items-start gap-3">
        <label className={label}>
          {t("calls.filterPeriod")}
          <select
            value={form.period}
            onChange={(event) => set("period", event.target.value)}
            data-testid="calls-filter-period"
            className={inputClass(false, "mt-1 h-9 w-44")}
          >
            {callPeriodSchema.options.map((value) => (
              <option key={value} value={value}>
                {t(`calls.period.${value}`)}
              </option>
            ))}
          </select>
        </label>
        {form.period === "custom"
          ? (["from", "to"] as const).map((key) => {
              const error = errorText(key);
              return (
                <div key={key} className={label}>
                  <label htmlFor={`${id}-${key}`}>
                    {key === "from" ? t("calls.filterFrom") : t("calls.filterTo")}
                  </label>
                  <input
                    id={`${id}-${key}`}
                    type="date"
                    value={form[key]}
                    onChange={(event) => set(key, event.target.value)}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-${key}-error` : undefined}
                    data-testid={`calls-filter-${key}`}
                    className={inputClass(Boolean(error), "mt-1 h-9 w-40")}
                  />
                  {error ? (
                    <p id={`${id}-${key}-error`} className="mt-1 font-normal text-red-700">
                      {error}
                    </p>
                  ) : null}
                </div>
              );
            })
          : null}
        {selects.map((select) => (
          <label key={select.key} className={label}>
            {select.label}
            <select
              value={form[select.key]}
              onChange={(event) => set(select.key, event.target.value)}
              data-testid={`calls-filter-${select.key}`}
              className={inputClass(Boolean(errors[select.key]), "mt-1 h-9 w-44")}
            >
              <option value="">{t("calls.filterAll")}</option>
              {select.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <div className="flex flex-wrap items-start gap-3">
        {(["client", "q"] as const).map((key) => {
          const error = errorText(key);
          return (
            <div key={key} className={label}>
              <label htmlFor={`${id}-${key}`}>
                {key === "client" ? t("calls.filterClient") : t("calls.filterQuery")}
              </label>
              <input
                id={`${id}-${key}`}
                type={key === "q" ? "search" : "text"}
                inputMode={key === "q" ? "tel" : undefined}
                value={text[key]}
                onChange={(event) => setText({ ...text, [key]: event.target.value })}
                placeholder={
                  key === "client"
                    ? t("calls.filterClientPlaceholder")
                    : t("calls.filterQueryPlaceholder")
                }
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-${key}-error` : undefined}
                data-testid={`calls-filter-${key}`}
                className={inputClass(Boolean(error), "mt-1 h-9 w-56")}
              />
              {error ? (
                <p
                  id={`${id}-${key}-error`}
                  className="mt-1 font-normal text-red-700"
                  data-testid={`calls-filter-${key}-error`}
                >
                  {error}
                </p>
              ) : null}
            </div>
          );
        })}
        <button
          type="submit"
          className={buttonClass("secondary", "sm", "mt-5 h-9")}
          data-testid="calls-filter-apply"
        >
          {t("calls.filterApply")}
        </button>
        {hasActiveFilters(form) ? (
          <button
            type="button"
            onClick={() => onChange(readForm(new URLSearchParams()))}
            className={buttonClass("ghost", "sm", "mt-5 h-9")}
            data-testid="calls-filter-clear"
          >
            {t("calls.filterClear")}
          </button>
        ) : null}
      </div>
      {form.clientId ? <p className="text-xs text-slate-600">{t("calls.filterClientId")}</p> : null}
    </form>
  );
}

const errorKeys = {
  search_digits: "calls.error.search_digits",
  search_too_short: "calls.error.search_too_short",
  date_invalid: "calls.error.date_invalid",
  range_reversed: "calls.error.range_reversed",
  required: "calls.error.required",
} as const;
type ErrorCode = keyof typeof errorKeys;
