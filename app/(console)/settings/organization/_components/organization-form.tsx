"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useMemo, useState, type FormEvent, type ReactNode } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import type { MessageKey } from "@/lib/i18n/translate";
import { updateTenantInput, type UpdateTenantInput } from "@/lib/schemas/tenant";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError, getFieldErrors } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { focusFirstError } from "@/lib/ui/focus-first-error";
import { inputClass } from "@/lib/ui/input-styles";
import { NoticeRegion, type Notice } from "@/lib/ui/notice-region";
import { Spinner } from "@/lib/ui/spinner";
import { TextField } from "@/lib/ui/text-field";

type Tenant = inferRouterOutputs<AppRouter>["tenant"]["get"];
type Values = {
  name: string;
  timeZone: string;
  autoCreateClients: boolean;
  defaultOwnerId: string;
  serviceLevelSec: string;
  keepForever: boolean;
  retentionDays: string;
};
const FIELDS = ["name", "timeZone", "serviceLevelSec", "recordingRetentionDays"] as const;
type Field = (typeof FIELDS)[number];
type FieldErrors = Partial<Record<Field, string>>;

const errorKeyByField = {
  name: "org.nameRequired",
  timeZone: "org.timeZoneInvalid",
  serviceLevelSec: "org.serviceLevelInvalid",
  recordingRetentionDays: "org.retentionInvalid",
} as const satisfies Record<Field, MessageKey>;

function toValues(tenant: Tenant): Values {
  const days = tenant.settings.recordingRetentionDays;
  return {
    name: tenant.name,
    timeZone: tenant.timeZone,
    autoCreateClients: tenant.settings.autoCreateClients,
    defaultOwnerId: tenant.settings.defaultOwnerId ?? "",
    serviceLevelSec: String(tenant.settings.serviceLevelSec),
    keepForever: days === null,
    retentionDays: String(days ?? 365),
  };
}

// Whole numbers only: "20.5" or "2e1" must not slip through Number().
function toInt(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

function toInput(values: Values): unknown {
  return {
    name: values.name,
    timeZone: values.timeZone,
    autoCreateClients: values.autoCreateClients,
    defaultOwnerId: values.defaultOwnerId || null,
    serviceLevelSec: toInt(values.serviceLevelSec),
    recordingRetentionDays: values.keepForever ? null : toInt(values.retentionDays),
  };
}

function timeZones(current: string): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes(current) ? zones : [current, ...zones];
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-4 border-t border-slate-100 px-6 py-5">
      <legend className="float-left mb-3 w-full text-sm font-semibold text-slate-900">
        {title}
      </legend>
      <div className="clear-both space-y-4">{children}</div>
    </fieldset>
  );
}

export function OrganizationForm({ tenant }: { tenant: Tenant }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = { zone: useId(), owner: useId(), days: useId(), auto: useId(), keep: useId() };
  const [saved, setSaved] = useState<Values>(() => toValues(tenant));
  const [values, setValues] = useState<Values>(saved);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const save = useMutation(trpc.tenant.update.mutationOptions());
  const zones = useMemo(() => timeZones(tenant.timeZone), [tenant.timeZone]);
  const isDirty = JSON.stringify(values) !== JSON.stringify(saved);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setNotice(null);
  };

  function showErrors(form: HTMLFormElement, keys: Iterable<string>) {
    const next: FieldErrors = {};
    for (const key of keys) {
      if ((FIELDS as readonly string[]).includes(key))
        next[key as Field] = t(errorKeyByField[key as Field]);
    }
    setErrors(next);
    focusFirstError(form, FIELDS, next);
    return Object.keys(next).length > 0;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const parsed = updateTenantInput.safeParse(toInput(values));
    if (!parsed.success) {
      showErrors(
        form,
        parsed.error.issues.map((issue) => String(issue.path[0])),
      );
      return;
    }
    setErrors({});
    const input: UpdateTenantInput = parsed.data;
    save.mutate(input, {
      onSuccess: (result) => {
        const next = toValues({ ...tenant, ...result });
        setSaved(next);
        setValues(next);
        setNotice({ tone: "success", text: t("org.saved") });
        void queryClient.invalidateQueries({ queryKey: trpc.tenant.get.queryKey() });
      },
      onError: (error) => {
        if (!showErrors(form, Object.keys(getFieldErrors(error)))) {
          setNotice({ tone: "error", text: describeError(t, error) });
        }
      },
    });
  }

  const describe = (field: Field, hintId?: string) =>
    [errors[field] ? `${field}-error` : null, hintId].filter(Boolean).join(" ") || undefined;

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="max-w-2xl rounded-xl border border-slate-200 bg-white"
      data-testid="organization-form"
    >
      <div className="px-6 py-4">
        <h2 className="text-base font-semibold text-slate-900">{t("settings.organization")}</h2>
        <p className="mt-1 text-sm text-slate-600">
          {t("org.description", { company: tenant.name })}
        </p>
      </div>
      <div className="space-y-4 border-t border-slate-100 px-6 py-5">
        <NoticeRegion notice={notice} onDismiss={() => setNotice(null)} testId="org-notice" />
        <TextField
          label={t("org.name")}
          name="name"
          required
          maxLength={120}
          value={values.name}
          onChange={(event) => set("name", event.target.value)}
          error={errors.name}
          data-testid="org-name"
        />
        <div>
          <label htmlFor={ids.zone} className="mb-1 block text-sm font-medium text-slate-800">
            {t("org.timeZone")}
          </label>
          <select
            id={ids.zone}
            name="timeZone"
            value={values.timeZone}
            onChange={(event) => set("timeZone", event.target.value)}
            aria-invalid={errors.timeZone ? true : undefined}
            aria-describedby={describe("timeZone", `${ids.zone}-hint`)}
            className={inputClass(Boolean(errors.timeZone))}
            data-testid="org-time-zone"
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </select>
          {errors.timeZone ? (
            <p id="timeZone-error" className="mt-1 text-sm text-red-700">
              {errors.timeZone}
            </p>
          ) : null}
          <p id={`${ids.zone}-hint`} className="mt-1 text-xs text-slate-500">
            {t("org.timeZoneHint")}
          </p>
        </div>
      </div>

      <Section title={t("org.clientsHeading")}>
        <div className="flex gap-3">
          <input
            id={ids.auto}
            type="checkbox"
            checked={values.autoCreateClients}
            onChange={(event) => set("autoCreateClients", event.target.checked)}
            aria-describedby={`${ids.auto}-hint`}
            className="mt-0.5 size-4 rounded border-slate-300"
            data-testid="org-auto-create"
          />
          <div>
            <label htmlFor={ids.auto} className="text-sm font-medium text-slate-800">
              {t("org.autoCreateClients")}
            </label>
            <p id={`${ids.auto}-hint`} className="mt-1 text-xs text-slate-500">
              {t("org.autoCreateClientsHint")}
            </p>
          </div>
        </div>
        <div>
          <label htmlFor={ids.owner} className="mb-1 block text-sm font-medium text-slate-800">
            {t("org.defaultOwner")}
          </label>
          <select
            id={ids.owner}
            value={values.defaultOwnerId}
            onChange={(event) => set("defaultOwnerId", event.target.value)}
            aria-describedby={`${ids.owner}-hint`}
            className={inputClass()}
            data-testid="org-default-owner"
          >
            <option value="">{t("org.defaultOwnerNone")}</option>
            {tenant.owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name} · {owner.email}
              </option>
            ))}
          </select>
          <p id={`${ids.owner}-hint`} className="mt-1 text-xs text-slate-500">
            {t("org.defaultOwnerHint")}
          </p>
        </div>
      </Section>

      <Section title={t("org.serviceLevelHeading")}>
        <TextField
          label={t("org.serviceLevelSec")}
          name="serviceLevelSec"
          inputMode="numeric"
          className="max-w-48"
          value={values.serviceLevelSec}
          onChange={(event) => set("serviceLevelSec", event.target.value)}
          error={errors.serviceLevelSec}
          hint={t("org.serviceLevelHint")}
          data-testid="org-service-level"
        />
      </Section>

      <Section title={t("org.recordingsHeading")}>
        <div className="flex items-center gap-3">
          <input
            id={ids.keep}
            type="checkbox"
            checked={values.keepForever}
            onChange={(event) => set("keepForever", event.target.checked)}
            className="size-4 rounded border-slate-300"
            data-testid="org-keep-forever"
          />
          <label htmlFor={ids.keep} className="text-sm font-medium text-slate-800">
            {t("org.retentionKeep")}
          </label>
        </div>
        <div>
          <label htmlFor={ids.days} className="mb-1 block text-sm font-medium text-slate-800">
            {t("org.retentionDays")}
          </label>
          <input
            id={ids.days}
            name="recordingRetentionDays"
            inputMode="numeric"
            disabled={values.keepForever}
            value={values.retentionDays}
            onChange={(event) => set("retentionDays", event.target.value)}
            aria-invalid={errors.recordingRetentionDays ? true : undefined}
            aria-describedby={describe("recordingRetentionDays", `${ids.days}-hint`)}
            className={inputClass(Boolean(errors.recordingRetentionDays), "h-10 w-48")}
            data-testid="org-retention-days"
          />
          {errors.recordingRetentionDays ? (
            <p
              id="recordingRetentionDays-error"
              className="mt-1 text-sm text-red-700"
              data-testid="recordingRetentionDays-error"
            >
              {errors.recordingRetentionDays}
            </p>
          ) : null}
          <p id={`${ids.days}-hint`} className="mt-1 text-xs text-slate-500">
            {t("org.retentionHint")}
          </p>
        </div>
      </Section>

      <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 px-6 py-4">
        <button
          type="submit"
          disabled={save.isPending}
          aria-busy={save.isPending || undefined}
          className={buttonClass("primary")}
          data-testid="org-save"
        >
          {save.isPending ? <Spinner /> : null}
          {save.isPending ? t("org.saving") : t("org.save")}
        </button>
        {isDirty && !save.isPending ? (
          <p className="text-sm text-amber-700" role="status">
            {t("org.unsaved")}
          </p>
        ) : null}
        {save.error && !notice ? <Alert>{describeError(t, save.error)}</Alert> : null}
      </div>
    </form>
  );
}
