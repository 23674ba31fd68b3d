"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { createClientInput } from "@/lib/schemas/clients";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError, getFieldErrors } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { inputClass } from "@/lib/ui/input-styles";
import { TextField } from "@/lib/ui/text-field";
import { translateClientError } from "@/app/(console)/clients/_components/client-field-error";
import {
  newPhoneDraft,
  PhonesEditor,
  type PhoneDraft,
} from "@/app/(console)/clients/_components/phones-editor";

export type ClientFormValues = {
  name: string;
  company: string | null;
  email: string | null;
  tags: string[];
  isVip: boolean;
  notes: string | null;
  personalManagerId: string | null;
  phones: Array<{ e164: string; label: string | null }>;
};

type ClientFormProps = {
  clientId?: string;
  initial?: ClientFormValues;
  // Admins and supervisors pick anyone; managers keep the client themselves (or unassigned).
  canAssign: boolean;
  currentUserId: string;
  onSaved: (clientId: string) => void;
  onCancel?: () => void;
  testId: string;
};

type Errors = Record<string, string | undefined>;
const FIELD_ORDER = ["name", "company", "email", "tags", "notes", "personalManagerId"] as const;

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

export function ClientForm(props: ClientFormProps) {
  const { clientId, initial, canAssign, currentUserId, onSaved, onCancel, testId } = props;
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const managers = useQuery(trpc.clients.managers.queryOptions());
  const [phones, setPhones] = useState<PhoneDraft[]>(() =>
    initial?.phones.length
      ? initial.phones.map((p) => newPhoneDraft(p.e164, p.label ?? ""))
      : [newPhoneDraft()],
  );
  const [errors, setErrors] = useState<Errors>({});
  const create = useMutation(trpc.clients.create.mutationOptions());
  const update = useMutation(trpc.clients.update.mutationOptions());
  const mutation = clientId ? update : create;

  const phoneErrors: Record<number, string | undefined> = {};
  phones.forEach((_, i) => (phoneErrors[i] = errors[`phones.${i}`]));

  function collect(issues: Record<string, string[] | undefined>): Errors {
    const result: Errors = {};
    for (const [key, messages] of Object.entries(issues))
      result[key] = translateClientError(t, messages?.[0]);
    return result;
  }

  function focusFirst(form: HTMLFormElement, found: Errors) {
    const key = [...FIELD_ORDER, ...phones.map((_, i) => `phones.${i}`)].find((k) => found[k]);
    const element = key ? form.elements.namedItem(key) : null;
    if (element instanceof HTMLElement) element.focus();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const filled = phones.filter((p) => p.phone.trim() !== "");
    const raw = {
      name: text(form, "name"),
      company: text(form, "company"),
      email: text(form, "email"),
      tags: text(form, "tags").split(","),
      isVip: form.get("isVip") === "on",
      notes: text(form, "notes"),
      personalManagerId: text(form, "personalManagerId") || null,
      phones: filled.map((p) => ({ phone: p.phone, label: p.label })),
    };
    const parsed = createClientInput.safeParse(raw);
    if (!parsed.success) {
      const found: Errors = {};
      for (const issue of parsed.error.issues) {
        const [head, index] = issue.path;
        const row = typeof index === "number" ? filled[index] : undefined;
        const key = head === "phones" && row ? `phones.${phones.indexOf(row)}` : String(head);
        found[key] ??= translateClientError(t, issue.message);
      }
      setErrors(found);
      focusFirst(formElement, found);
      return;
    }
    setErrors({});
    const done = (id: string) => {
      void queryClient.invalidateQueries({ queryKey: trpc.clients.pathKey() });
      onSaved(id);
    };
    const onError = (error: unknown) => {
      const server = collect(getFieldErrors(error));
      // Server indexes count only the filled rows; map them back to the editor's rows.
      const mapped: Errors = {};
      for (const [key, value] of Object.entries(server)) {
        const match = /^phones\.(\d+)$/.exec(key);
        const row = match ? filled[Number(match[1])] : undefined;
        mapped[row ? `phones.${phones.indexOf(row)}` : key] = value;
      }
      setErrors(mapped);
      focusFirst(formElement, mapped);
    };
    if (clientId) {
      update.mutate({ clientId, ...parsed.data }, { onSuccess: () => done(clientId), onError });
    } else {
      create.mutate(parsed.data, { onSuccess: (c) => done(c.id), onError });
    }
  }

  const hasFieldErrors = Object.values(errors).some(Boolean);
  const managerOptions = canAssign
    ? (managers.data ?? [])
    : (managers.data ?? []).filter((m) => m.id === currentUserId);
  const defaultManager = initial
    ? (initial.personalManagerId ?? "")
    : canAssign
      ? ""
      : currentUserId;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid={testId}>
      {mutation.error && !hasFieldErrors ? <Alert>{describeError(t, mutation.error)}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t("clients.field.name")}
          name="name"
          required
          autoComplete="off"
          defaultValue={initial?.name ?? ""}
          error={errors.name}
          data-testid="client-name"
        />
        <TextField
          label={t("clients.field.company")}
          name="company"
          autoComplete="off"
          defaultValue={initial?.company ?? ""}
          error={errors.company}
          data-testid="client-company"
        />
      </div>
      <PhonesEditor phones={phones} onChange={setPhones} errors={phoneErrors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t("clients.field.email")}
          name="email"
          type="email"
          autoComplete="off"
          defaultValue={initial?.email ?? ""}
          error={errors.email}
          data-testid="client-email"
        />
        <TextField
          label={t("clients.field.tags")}
          name="tags"
          autoComplete="off"
          hint={t("clients.field.tagsHint")}
          defaultValue={initial?.tags.join(", ") ?? ""}
          error={errors.tags}
          data-testid="client-tags"
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label
            htmlFor={`${testId}-manager`}
            className="mb-1 block text-sm font-medium text-slate-800"
          >
            {t("clients.field.manager")}
          </label>
          <select
            id={`${testId}-manager`}
            name="personalManagerId"
            defaultValue={defaultManager}
            disabled={Boolean(initial) && !canAssign}
            className={inputClass(Boolean(errors.personalManagerId))}
            data-testid="client-manager"
          >
            <option value="">{t("clients.noManager")}</option>
            {managerOptions.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
            {initial?.personalManagerId &&
            !managerOptions.some((m) => m.id === initial.personalManagerId) ? (
              <option value={initial.personalManagerId}>{t("clients.currentManager")}</option>
            ) : null}
          </select>
          {/* A disabled select is not submitted: keep the current manager. */}
          {initial && !canAssign ? (
            <input type="hidden" name="personalManagerId" value={initial.personalManagerId ?? ""} />
          ) : null}
          {errors.personalManagerId ? (
            <p className="mt-1 text-sm text-red-700">{errors.personalManagerId}</p>
          ) : null}
        </div>
        <label className="flex items-center gap-2 self-end pb-2 text-sm font-medium text-slate-800">
          <input
            type="checkbox"
            name="isVip"
            defaultChecked={initial?.isVip ?? false}
            className="size-4 rounded border-slate-300"
            data-testid="client-vip"
          />
          {t("clients.field.vip")}
        </label>
      </div>
      <div>
        <label
          htmlFor={`${testId}-notes`}
          className="mb-1 block text-sm font-medium text-slate-800"
        >
          {t("clients.field.notes")}
        </label>
        <textarea
          id={`${testId}-notes`}
          name="notes"
          rows={3}
          defaultValue={initial?.notes ?? ""}
          className={inputClass(Boolean(errors.notes), "w-full py-2")}
          data-testid="client-notes"
        />
        {errors.notes ? <p className="mt-1 text-sm text-red-700">{errors.notes}</p> : null}
      </div>
      <div className="flex flex-col-reverse justify-end gap-2 pt-2 sm:flex-row">
        {onCancel ? (
          <button type="button" onClick={onCancel} className={buttonClass("secondary")}>
            {t("common.cancel")}
          </button>
        ) : null}
        <button
          type="submit"
          disabled={mutation.isPending}
          className={buttonClass("primary")}
          data-testid="client-save"
        >
          {mutation.isPending
            ? t("clients.saving")
            : clientId
              ? t("clients.save")
              : t("clients.create")}
        </button>
      </div>
    </form>
  );
}
