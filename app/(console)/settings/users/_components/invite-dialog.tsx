"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { translateFieldError } from "@/lib/i18n/field-error";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { inviteUserInput, roleSchema } from "@/lib/schemas/users";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError, getAppErrorCode, getFieldErrors } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { focusFirstError } from "@/lib/ui/focus-first-error";
import { Dialog } from "@/lib/ui/dialog";
import { inputClass } from "@/lib/ui/input-styles";
import { TextField } from "@/lib/ui/text-field";
import { InviteLinkPanel } from "@/app/(console)/settings/users/_components/invite-link-panel";
import type { InviteLink } from "@/app/(console)/settings/users/_components/types";

const FIELDS = ["email", "name", "role"] as const;
type Field = (typeof FIELDS)[number];
type FieldErrors = Partial<Record<Field, string>>;

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

export function InviteDialog({ isOpen, onClose }: { isOpen: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [link, setLink] = useState<InviteLink | null>(null);
  const invite = useMutation(trpc.users.invite.mutationOptions());

  const translate = (errors: Record<string, string[] | undefined>): FieldErrors => ({
    email: translateFieldError(t, errors.email?.[0]),
    name: translateFieldError(t, errors.name?.[0]),
    role: translateFieldError(t, errors.role?.[0]),
  });

  function close() {
    setFieldErrors({});
    setLink(null);
    invite.reset();
    onClose();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const parsed = inviteUserInput.safeParse({
      email: text(form, "email"),
      name: text(form, "name"),
      role: text(form, "role"),
    });
    if (!parsed.success) {
      const errors = translate(z.flattenError(parsed.error).fieldErrors);
      // The email schema reports an empty value as malformed; say what is actually wrong.
      if (!text(form, "email").trim()) errors.email = t("validation.required");
      setFieldErrors(errors);
      focusFirstError(formElement, FIELDS, errors);
      return;
    }
    setFieldErrors({});
    invite.mutate(parsed.data, {
      onSuccess: (data) => {
        setLink({ name: parsed.data.name, email: parsed.data.email, ...data });
        void queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
      },
      onError: (error) => {
        const errors =
          getAppErrorCode(error) === "EMAIL_TAKEN"
            ? { email: t("error.EMAIL_TAKEN") }
            : translate(getFieldErrors(error));
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
      title={link ? t("invite.linkTitle", { name: link.name }) : t("invite.dialogTitle")}
      description={link ? undefined : t("invite.dialogBody")}
      testId="invite-dialog"
    >
      {link ? (
        <>
          <InviteLinkPanel link={link} />
          <div className="mt-4 flex justify-end">
            <button
              type="button"
              onClick={close}
              className={buttonClass("primary")}
              data-testid="invite-done"
            >
              {t("common.done")}
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="invite-dialog-form">
          {invite.error && !hasFieldErrors ? <Alert>{describeError(t, invite.error)}</Alert> : null}
          <TextField
            label={t("invite.fieldEmail")}
            name="email"
            type="email"
            autoComplete="off"
            required
            error={fieldErrors.email}
            data-testid="invite-dialog-email"
          />
          <TextField
            label={t("invite.fieldName")}
            name="name"
            autoComplete="off"
            required
            error={fieldErrors.name}
            data-testid="invite-dialog-name"
          />
          <div>
            <label htmlFor="invite-role" className="mb-1 block text-sm font-medium text-slate-800">
              {t("invite.fieldRole")}
            </label>
            <select
              id="invite-role"
              name="role"
              defaultValue="MANAGER"
              className={inputClass(Boolean(fieldErrors.role))}
              data-testid="invite-dialog-role"
            >
              {roleSchema.options.map((role) => (
                <option key={role} value={role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="flex flex-col-reverse justify-end gap-2 pt-2 sm:flex-row">
            <button type="button" onClick={close} className={buttonClass("secondary")}>
              {t("common.cancel")}
            </button>
            <button
              type="submit"
              disabled={invite.isPending}
              className={buttonClass("primary")}
              data-testid="invite-dialog-submit"
            >
              {invite.isPending ? t("invite.creating") : t("invite.create")}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
