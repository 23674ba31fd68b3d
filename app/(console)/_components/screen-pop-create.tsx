"use client";

import { isStaffRole } from "@/lib/roles";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { normalizePhone } from "@/lib/phone";
import type { LiveCall } from "@/lib/realtime/events";
import { createClientInput } from "@/lib/schemas/clients";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError, getFieldErrors } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { formatPhone } from "@/lib/ui/format-phone";
import { inputClass } from "@/lib/ui/input-styles";
import { TextField } from "@/lib/ui/text-field";
import { translateClientError } from "@/app/(console)/clients/_components/client-field-error";

type ScreenPopCreateProps = {
  call: LiveCall;
  phone: string;
  userId: string;
  // The user started filling the form: keep the pop even once the call is answered.
  onEngaged: () => void;
};

type Errors = Partial<Record<"name" | "company" | "phone" | "personalManagerId", string>>;

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

// An unknown caller: name, company, the number (prefilled) and the personal manager (the
// manager being rung by default). Saving links this call, so the pop becomes the client card.
export function ScreenPopCreate({ call, phone, userId, onEngaged }: ScreenPopCreateProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.me.get.queryOptions());
  const managers = useQuery(trpc.clients.managers.queryOptions());
  const create = useMutation(trpc.clients.create.mutationOptions());
  const [errors, setErrors] = useState<Errors>({});
  const canAssign = me.data ? isStaffRole(me.data.role) : false;
  const rungManagerId = call.manager?.id ?? userId;
  const options = (managers.data ?? []).filter((m) => canAssign || m.id === userId);
  const defaultManager = canAssign || rungManagerId === userId ? rungManagerId : "";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = createClientInput.safeParse({
      name: text(form, "name"),
      company: text(form, "company"),
      personalManagerId: text(form, "personalManagerId") || null,
      phones: [{ phone: text(form, "phone") }],
    });
    if (!parsed.success) {
      const found: Errors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] === "phones" ? "phone" : issue.path[0];
        if (key === "name" || key === "company" || key === "phone" || key === "personalManagerId")
          found[key] ??= translateClientError(t, issue.message);
      }
      setErrors(found);
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: () => {
        void queryClient.invalidateQueries({
          queryKey: trpc.calls.clientCard.queryKey({ callId: call.id }),
        });
        void queryClient.invalidateQueries({ queryKey: trpc.clients.pathKey() });
      },
      onError: (error) => {
        const fields = getFieldErrors(error);
        setErrors({
          name: translateClientError(t, fields.name?.[0]),
          company: translateClientError(t, fields.company?.[0]),
          phone: translateClientError(t, fields["phones.0"]?.[0] ?? fields.phones?.[0]),
          personalManagerId: translateClientError(t, fields.personalManagerId?.[0]),
        });
      },
    });
  }

  const normalized = normalizePhone(phone);
  const hasFieldErrors = Object.values(errors).some(Boolean);
  return (
    <form
      onSubmit={onSubmit}
      onChange={onEngaged}
      noValidate
      className="mt-3 space-y-3 border-t border-slate-100 pt-3"
      data-testid="screen-pop-create"
    >
      <h3 className="text-sm font-semibold text-slate-900">{t("screenPop.create.title")}</h3>
      {create.error && !hasFieldErrors ? <Alert>{describeError(t, create.error)}</Alert> : null}
      <TextField
        label={t("clients.field.name")}
        name="name"
        required
        autoComplete="off"
        error={errors.name}
        data-testid="screen-pop-create-name"
      />
      <TextField
        label={t("clients.field.company")}
        name="company"
        autoComplete="off"
        error={errors.company}
        data-testid="screen-pop-create-company"
      />
      <TextField
        label={t("clients.field.phones")}
        name="phone"
        type="tel"
        autoComplete="off"
        defaultValue={normalized.ok ? formatPhone(normalized.e164) : phone}
        error={errors.phone}
        data-testid="screen-pop-create-phone"
      />
      <div>
        <label
          htmlFor={`pop-manager-${call.id}`}
          className="mb-1 block text-sm font-medium text-slate-800"
        >
          {t("clients.field.manager")}
        </label>
        {managers.data && me.data ? (
          <select
            id={`pop-manager-${call.id}`}
            name="personalManagerId"
            defaultValue={defaultManager}
            className={inputClass(Boolean(errors.personalManagerId))}
            data-testid="screen-pop-create-manager"
          >
            <option value="">{t("clients.noManager")}</option>
            {options.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        ) : (
          <div
            className={inputClass(false, "h-10 w-full animate-pulse bg-slate-100")}
            aria-hidden
          />
        )}
        {errors.personalManagerId ? (
          <p className="mt-1 text-sm text-red-700">{errors.personalManagerId}</p>
        ) : null}
      </div>
      <button
        type="submit"
        disabled={create.isPending}
        className={buttonClass("primary", "sm", "w-full")}
        data-testid="screen-pop-create-submit"
      >
        {create.isPending ? t("screenPop.create.creating") : t("screenPop.create.submit")}
      </button>
    </form>
  );
}
