"use client";

import { useId, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import type { MessageKey } from "@/lib/i18n/translate";
import { buttonClass } from "@/lib/ui/button-styles";
import { inputClass } from "@/lib/ui/input-styles";
import { TextField } from "@/lib/ui/text-field";
import type { FilterForm } from "@/app/(console)/recordings/_components/filter-form";

type RecordingFiltersProps = {
  form: FilterForm;
  errors: Partial<Record<keyof FilterForm, string>>;
  managers: Array<{ id: string; name: string }> | null;
  onChange: (form: FilterForm) => void;
  onSubmit: () => void;
  onReset: () => void;
};

export function RecordingFilters(props: RecordingFiltersProps) {
  const { t } = useI18n();
  const managerId = useId();
  const { form, errors } = props;
  const set = (key: keyof FilterForm) => (event: { target: { value: string } }) =>
    props.onChange({ ...form, [key]: event.target.value });
  const errorText = (key: keyof FilterForm) => {
    const code = errors[key];
    return code ? t(`recordings.error.${code}` as MessageKey & `recordings.error.${string}`) : null;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <form
      onSubmit={submit}
      aria-label={t("recordings.filters")}
      className="grid grid-cols-1 gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4"
      data-testid="recordings-filters"
      noValidate
    >
      <TextField
        label={t("recordings.from")}
        name="from"
        type="date"
        value={form.from}
        onChange={set("from")}
        error={errorText("from")}
      />
      <TextField
        label={t("recordings.to")}
        name="to"
        type="date"
        value={form.to}
        onChange={set("to")}
        error={errorText("to")}
      />
      {props.managers ? (
        <div>
          <label htmlFor={managerId} className="mb-1 block text-sm font-medium text-slate-800">
            {t("recordings.manager")}
          </label>
          <select
            id={managerId}
            name="managerId"
            value={form.managerId}
            onChange={set("managerId")}
            className={inputClass(false)}
          >
            <option value="">{t("recordings.anyManager")}</option>
            {props.managers.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <TextField
        label={t("recordings.client")}
        name="client"
        value={form.client}
        placeholder={t("recordings.clientPlaceholder")}
        onChange={set("client")}
        error={errorText("client")}
      />
      <TextField
        label={t("recordings.number")}
        name="number"
        inputMode="tel"
        value={form.number}
        placeholder={t("recordings.numberPlaceholder")}
        onChange={set("number")}
        error={errorText("number")}
      />
      <TextField
        label={t("recordings.minDuration")}
        name="minDurationSec"
        inputMode="numeric"
        value={form.minDurationSec}
        onChange={set("minDurationSec")}
        error={errorText("minDurationSec")}
      />
      <TextField
        label={t("recordings.maxDuration")}
        name="maxDurationSec"
        inputMode="numeric"
        value={form.maxDurationSec}
        onChange={set("maxDurationSec")}
        error={errorText("maxDurationSec")}
      />
      <TextField
        label={t("recordings.minSilence")}
        name="minSilenceSec"
        inputMode="numeric"
        value={form.minSilenceSec}
        hint={t("recordings.talkFilterHint")}
        onChange={set("minSilenceSec")}
        error={errorText("minSilenceSec")}
      />
      <TextField
        label={t("recordings.minManagerShare")}
        name="minManagerShare"
        inputMode="numeric"
        value={form.minManagerShare}
        onChange={set("minManagerShare")}
        error={errorText("minManagerShare")}
      />
      <TextField
        label={t("recordings.maxManagerShare")}
        name="maxManagerShare"
        inputMode="numeric"
        value={form.maxManagerShare}
        onChange={set("maxManagerShare")}
        error={errorText("maxManagerShare")}
      />
      <div className="flex items-end gap-2">
        <button type="submit" className={buttonClass("primary")} data-testid="recordings-apply">
          {t("recordings.apply")}
        </button>
        <button type="button" onClick={props.onReset} className={buttonClass("ghost")}>
          {t("recordings.reset")}
        </button>
      </div>
    </form>
  );
}
