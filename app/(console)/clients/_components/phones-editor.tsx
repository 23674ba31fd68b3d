"use client";

import { useId } from "react";
import { normalizePhone } from "@/lib/phone";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { CLIENT_PHONES_MAX } from "@/lib/schemas/clients";
import { buttonClass } from "@/lib/ui/button-styles";
import { formatPhone } from "@/lib/ui/format-phone";
import { Icon } from "@/lib/ui/icon";
import { inputClass } from "@/lib/ui/input-styles";
import { translateClientError } from "@/app/(console)/clients/_components/client-field-error";

export type PhoneDraft = { key: string; phone: string; label: string };

type PhonesEditorProps = {
  phones: PhoneDraft[];
  onChange: (phones: PhoneDraft[]) => void;
  errors: Record<number, string | undefined>;
  isDisabled?: boolean;
};

let nextKey = 0;
export function newPhoneDraft(phone = "", label = ""): PhoneDraft {
  nextKey += 1;
  return { key: `phone-${nextKey}`, phone, label };
}

// Each number is shown normalised while it is typed ("→ +7 916 123-45-67"), so people see
// what will be stored before they save.
export function PhonesEditor({ phones, onChange, errors, isDisabled }: PhonesEditorProps) {
  const { t } = useI18n();
  const baseId = useId();
  const update = (index: number, patch: Partial<PhoneDraft>) =>
    onChange(phones.map((p, i) => (i === index ? { ...p, ...patch } : p)));

  return (
    <fieldset className="space-y-2" data-testid="phones-editor">
      <legend className="mb-1 text-sm font-medium text-slate-800">
        {t("clients.field.phones")}
      </legend>
      {phones.length === 0 ? (
        <p className="text-sm text-slate-500">{t("clients.phones.none")}</p>
      ) : null}
      {phones.map((draft, index) => {
        const id = `${baseId}-${index}`;
        const result = draft.phone.trim() ? normalizePhone(draft.phone) : null;
        const error = errors[index];
        return (
          <div
            key={draft.key}
            className="rounded-md border border-slate-200 p-2"
            data-testid="phone-row"
          >
            <div className="flex flex-wrap items-start gap-2">
              <div className="min-w-40 flex-1">
                <label htmlFor={`${id}-number`} className="sr-only">
                  {t("clients.phones.number", { index: index + 1 })}
                </label>
                <input
                  id={`${id}-number`}
                  name={`phones.${index}`}
                  type="tel"
                  inputMode="tel"
                  autoComplete="off"
                  value={draft.phone}
                  disabled={isDisabled}
                  placeholder="8 (916) 123-45-67"
                  aria-invalid={error ? true : undefined}
                  aria-describedby={`${id}-hint`}
                  onChange={(e) => update(index, { phone: e.target.value })}
                  className={inputClass(Boolean(error))}
                  data-testid="phone-input"
                />
              </div>
              <div className="w-36">
                <label htmlFor={`${id}-label`} className="sr-only">
                  {t("clients.phones.label", { index: index + 1 })}
                </label>
                <input
                  id={`${id}-label`}
                  value={draft.label}
                  disabled={isDisabled}
                  maxLength={40}
                  placeholder={t("clients.phones.labelPlaceholder")}
                  onChange={(e) => update(index, { label: e.target.value })}
                  className={inputClass(false)}
                  data-testid="phone-label"
                />
              </div>
              <button
                type="button"
                disabled={isDisabled}
                onClick={() => onChange(phones.filter((_, i) => i !== index))}
                aria-label={t("clients.phones.remove", { index: index + 1 })}
                className={buttonClass("ghost", "md", "px-2")}
                data-testid="phone-remove"
              >
                <Icon name="close" className="size-4" />
              </button>
            </div>
            <p
              id={`${id}-hint`}
              className="mt-1 text-xs"
              aria-live="polite"
              data-testid="phone-preview"
            >
              {error ? (
                <span className="text-red-700">{error}</span>
              ) : result?.ok ? (
                <span className="text-emerald-700">
                  {t("clients.phones.willSave", { phone: formatPhone(result.e164) })}
                </span>
              ) : result ? (
                <span className="text-amber-800">
                  {translateClientError(t, `phone_${result.reason}`)}
                </span>
              ) : null}
            </p>
          </div>
        );
      })}
      {phones.length < CLIENT_PHONES_MAX ? (
        <button
          type="button"
          disabled={isDisabled}
          onClick={() => onChange([...phones, newPhoneDraft()])}
          className={buttonClass("secondary", "sm")}
          data-testid="phone-add"
        >
          <Icon name="plus" className="size-4" />
          {t("clients.phones.add")}
        </button>
      ) : null}
    </fieldset>
  );
}
