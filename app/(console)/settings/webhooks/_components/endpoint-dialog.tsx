"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { translateFieldError } from "@/lib/i18n/field-error";
import { useI18n } from "@/lib/i18n/i18n-provider";
import type { Translate } from "@/lib/i18n/translate";
import {
  createWebhookInput,
  WEBHOOK_URL_MAX,
  webhookEventTypes,
  type WebhookEventType,
} from "@/lib/schemas/webhooks";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError, getFieldErrors } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { Dialog } from "@/lib/ui/dialog";
import { focusFirstError } from "@/lib/ui/focus-first-error";
import { TextField } from "@/lib/ui/text-field";
import { SecretDialog } from "@/app/(console)/settings/webhooks/_components/secret-dialog";
import type { EndpointItem } from "@/app/(console)/settings/webhooks/_components/types";

const FIELDS = ["url", "description", "events"] as const;
type FieldErrors = Partial<Record<(typeof FIELDS)[number], string>>;

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

export function webhookFieldError(t: Translate, code: string | undefined): string | undefined {
  if (code === "invalid_url") return t("webhooks.errorInvalidUrl");
  if (code === "private_url") return t("webhooks.errorPrivateUrl");
  if (code === "events_required") return t("webhooks.errorEvents");
  return translateFieldError(t, code);
}

type Props = {
  /** Null: a new endpoint. */
  endpoint: EndpointItem | null;
  isOpen: boolean;
  onClose: () => void;
  onSaved: (url: string) => void;
};

export function EndpointDialog({ endpoint, isOpen, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation(trpc.webhooks.create.mutationOptions());
  const update = useMutation(trpc.webhooks.update.mutationOptions());
  const mutation = endpoint ? update : create;

  function close() {
    setErrors({});
    create.reset();
    update.reset();
    onClose();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const parsed = createWebhookInput.safeParse({
      url: text(form, "url"),
      description: text(form, "description"),
      events: form.getAll("events").map(String),
      isEnabled: endpoint ? endpoint.isEnabled : form.get("isEnabled") === "on",
    });
    const show = (fields: Record<string, string[] | undefined>) => {
      const next = {
        url: webhookFieldError(t, fields.url?.[0]),
        description: webhookFieldError(t, fields.description?.[0]),
        events: webhookFieldError(t, fields.events?.[0]),
      };
      setErrors(next);
      focusFirstError(formElement, FIELDS, next);
    };
    if (!parsed.success) return show(z.flattenError(parsed.error).fieldErrors);
    setErrors({});
    const done = (url: string) => {
      void queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
      onSaved(url);
      close();
    };
    if (endpoint)
      update.mutate(
        { endpointId: endpoint.id, ...parsed.data },
        { onSuccess: (data) => done(data.url), onError: (error) => show(getFieldErrors(error)) },
      );
    else
      create.mutate(parsed.data, {
        onSuccess: (data) => {
          setSecret(data.secret);
          done(data.endpoint.url);
        },
        onError: (error) => show(getFieldErrors(error)),
      });
  }

  const chosen = new Set<WebhookEventType>(endpoint?.events as WebhookEventType[] | undefined);
  const hasFieldErrors = Object.values(errors).some(Boolean);
  return (
    <>
      <Dialog
        isOpen={isOpen}
        onClose={close}
        closeLabel={t("common.close")}
        title={endpoint ? t("webhooks.dialogEdit") : t("webhooks.dialogCreate")}
        testId="webhook-dialog"
      >
        <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="webhook-form">
          {mutation.error && !hasFieldErrors ? (
            <Alert>{describeError(t, mutation.error)}</Alert>
          ) : null}
          <TextField
            label={t("webhooks.fieldUrl")}
            name="url"
            type="url"
            required
            autoComplete="off"
            maxLength={WEBHOOK_URL_MAX}
            defaultValue={endpoint?.url ?? ""}
            placeholder="https://crm.example.com/pult"
            hint={t("webhooks.fieldUrlHint")}
            error={errors.url}
            data-testid="webhook-url-input"
          />
          <TextField
            label={t("webhooks.fieldDescription")}
            name="description"
            maxLength={200}
            defaultValue={endpoint?.description ?? ""}
            error={errors.description}
          />
          <fieldset aria-describedby={errors.events ? "webhook-events-error" : undefined}>
            <legend className="mb-1 text-sm font-medium text-slate-800">
              {t("webhooks.fieldEvents")}
            </legend>
            <div className="grid gap-1 sm:grid-cols-2">
              {webhookEventTypes.map((type) => (
                <label key={type} className="flex items-center gap-2 text-sm text-slate-700">
                  <input
                    type="checkbox"
                    name="events"
                    value={type}
                    defaultChecked={endpoint ? chosen.has(type) : true}
                    data-testid={`webhook-event-${type}`}
                  />
                  {t(`webhooks.event.${type}`)}
                </label>
              ))}
            </div>
            {errors.events ? (
              <p id="webhook-events-error" className="mt-1 text-sm text-red-700">
                {errors.events}
              </p>
            ) : null}
          </fieldset>
          {endpoint ? null : (
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" name="isEnabled" defaultChecked />
              {t("webhooks.fieldEnabled")}
            </label>
          )}
          <div className="flex flex-col-reverse justify-end gap-2 pt-2 sm:flex-row">
            <button type="button" onClick={close} className={buttonClass("secondary")}>
              {t("common.cancel")}
            </button>
            <button
              type="submit"
              disabled={mutation.isPending}
              className={buttonClass("primary")}
              data-testid="webhook-save"
            >
              {mutation.isPending ? t("webhooks.saving") : t("webhooks.save")}
            </button>
          </div>
        </form>
      </Dialog>
      <SecretDialog secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}
