"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { translateFieldError } from "@/lib/i18n/field-error";
import { useI18n } from "@/lib/i18n/i18n-provider";
import type { Translate } from "@/lib/i18n/translate";
import { API_KEY_NAME_MAX, createApiKeyInput } from "@/lib/schemas/api-keys";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError, getFieldErrors } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { CopyField } from "@/lib/ui/copy-field";
import { Dialog } from "@/lib/ui/dialog";
import { focusFirstError } from "@/lib/ui/focus-first-error";
import { TextField } from "@/lib/ui/text-field";

const FIELDS = ["name", "expiresAt"] as const;
type Field = (typeof FIELDS)[number];
type FieldErrors = Partial<Record<Field, string>>;

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

function fieldError(t: Translate, code: string | undefined): string | undefined {
  return code === "expires_in_past" ? t("apiKeys.expiresInPast") : translateFieldError(t, code);
}

// A date input gives a calendar day; the key works until the end of that day, local time.
function endOfDay(value: string): Date | null {
  return value ? new Date(`${value}T23:59:59.999`) : null;
}

export function CreateKeyDialog({ isOpen, onClose }: { isOpen: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const create = useMutation(trpc.apiKeys.create.mutationOptions());

  const translate = (errors: Record<string, string[] | undefined>): FieldErrors => ({
    name: fieldError(t, errors.name?.[0]),
    expiresAt: fieldError(t, errors.expiresAt?.[0]),
  });

  function close() {
    // Forget the key as soon as the dialog closes: it is never shown again.
    setCreated(null);
    setFieldErrors({});
    create.reset();
    onClose();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const parsed = createApiKeyInput.safeParse({
      name: text(form, "name"),
      expiresAt: endOfDay(text(form, "expiresAt")),
    });
    if (!parsed.success) {
      const errors = translate(z.flattenError(parsed.error).fieldErrors);
      setFieldErrors(errors);
      focusFirstError(formElement, FIELDS, errors);
      return;
    }
    setFieldErrors({});
    create.mutate(parsed.data, {
      onSuccess: (data) => {
        setCreated({ name: data.apiKey.name, key: data.key });
        void queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
      },
      onError: (error) => {
        const errors = translate(getFieldErrors(error));
        setFieldErrors(errors);
        focusFirstError(formElement, FIELDS, errors);
      },
    });
  }

  const hasFieldErrors = Object.values(fieldErrors).some(Boolean);
  return (
    <Dialog
      isOpen={isOpen}
      onClose={close}
      closeLabel={t("common.close")}
      title={created ? t("apiKeys.createdTitle", { name: created.name }) : t("apiKeys.dialogTitle")}
      description={created ? undefined : t("apiKeys.dialogBody")}
      testId="create-key-dialog"
    >
      {created ? (
        <div className="space-y-4">
          <Alert tone="warning" testId="create-key-warning">
            {t("apiKeys.onceWarning")}
          </Alert>
          <CopyField
            label={t("apiKeys.keyLabel")}
            value={created.key}
            labels={{
              copy: t("common.copy"),
              copied: t("common.copied"),
              failed: t("apiKeys.copyFailed"),
            }}
            testId="create-key-value"
          />
          <div className="flex justify-end">
            <button
              type="button"
              onClick={close}
              className={buttonClass("primary")}
              data-testid="create-key-done"
            >
              {t("common.done")}
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="create-key-form">
          {create.error && !hasFieldErrors ? <Alert>{describeError(t, create.error)}</Alert> : null}
          <TextField
            label={t("apiKeys.fieldName")}
            name="name"
            autoComplete="off"
            required
            maxLength={API_KEY_NAME_MAX}
            error={fieldErrors.name}
            data-testid="create-key-name"
          />
          <TextField
            label={t("apiKeys.fieldExpires")}
            name="expiresAt"
            type="date"
            hint={t("apiKeys.fieldExpiresHint")}
            error={fieldErrors.expiresAt}
            data-testid="create-key-expires"
          />
          <div className="flex flex-col-reverse justify-end gap-2 pt-2 sm:flex-row">
            <button type="button" onClick={close} className={buttonClass("secondary")}>
              {t("common.cancel")}
            </button>
            <button
              type="submit"
              disabled={create.isPending}
              className={buttonClass("primary")}
              data-testid="create-key-submit"
            >
              {create.isPending ? t("apiKeys.creating") : t("apiKeys.createSubmit")}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
