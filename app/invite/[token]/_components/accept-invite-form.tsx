"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { z } from "zod";
import { signInWithPassword } from "@/server/auth/actions";
import { translateFieldError } from "@/lib/i18n/field-error";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { acceptInviteInput, PASSWORD_MIN_LENGTH } from "@/lib/schemas/users";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError, getAppErrorCode, getFieldErrors } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { focusFirstError } from "@/lib/ui/focus-first-error";
import { TextField } from "@/lib/ui/text-field";
import { InviteInvalid } from "@/app/invite/[token]/_components/invite-invalid";

type AcceptInviteFormProps = { token: string; email: string; initialName: string };
const FIELDS = ["name", "password", "confirm"] as const;
type Field = (typeof FIELDS)[number];
type FieldErrors = Partial<Record<Field, string>>;

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

export function AcceptInviteForm({ token, email, initialName }: AcceptInviteFormProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [isSigningIn, startSignIn] = useTransition();
  const accept = useMutation(trpc.invites.accept.mutationOptions());

  const fieldError = (errors: Record<string, string[] | undefined>, field: Field) =>
    translateFieldError(t, errors[field]?.[0]);

  function signIn(password: string) {
    const form = new FormData();
    form.set("email", email);
    form.set("password", password);
    form.set("callbackUrl", "/live");
    startSignIn(async () => {
      // Redirects to /live on success; otherwise let the sign-in page explain.
      const result = await signInWithPassword({ error: null }, form);
      if (result.error) router.push(`/signin?email=${encodeURIComponent(email)}`);
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const password = text(form, "password");
    const parsed = acceptInviteInput.safeParse({ token, name: text(form, "name"), password });
    const errors: FieldErrors = {};
    if (!parsed.success) {
      const flat = z.flattenError(parsed.error).fieldErrors;
      errors.name = fieldError(flat, "name");
      errors.password = fieldError(flat, "password");
    }
    if (password !== text(form, "confirm")) errors.confirm = t("invite.mismatch");
    setFieldErrors(errors);
    if (!parsed.success || errors.confirm) {
      focusFirstError(formElement, FIELDS, errors);
      return;
    }
    accept.mutate(parsed.data, {
      onSuccess: () => signIn(password),
      onError: (error) => {
        const flat = getFieldErrors(error);
        const serverErrors = {
          name: fieldError(flat, "name"),
          password: fieldError(flat, "password"),
        };
        setFieldErrors(serverErrors);
        focusFirstError(formElement, FIELDS, serverErrors);
      },
    });
  }

  if (getAppErrorCode(accept.error) === "INVITE_INVALID") return <InviteInvalid />;
  const isBusy = accept.isPending || accept.isSuccess || isSigningIn;
  const hasFieldErrors = Object.values(fieldErrors).some(Boolean);

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="invite-form">
      {accept.error && !hasFieldErrors ? <Alert>{describeError(t, accept.error)}</Alert> : null}
      {accept.isSuccess ? <Alert tone="success">{t("invite.signingIn")}</Alert> : null}
      <TextField
        label={t("invite.email")}
        name="email"
        type="email"
        value={email}
        readOnly
        autoComplete="username"
        data-testid="invite-email"
      />
      <TextField
        label={t("invite.name")}
        name="name"
        defaultValue={initialName}
        autoComplete="name"
        required
        error={fieldErrors.name}
        data-testid="invite-name"
      />
      <TextField
        label={t("invite.password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        hint={t("invite.passwordHint", { count: PASSWORD_MIN_LENGTH })}
        error={fieldErrors.password}
        data-testid="invite-password"
      />
      <TextField
        label={t("invite.confirm")}
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={fieldErrors.confirm}
        data-testid="invite-confirm"
      />
      <button
        type="submit"
        disabled={isBusy}
        className={buttonClass("primary", "md", "w-full")}
        data-testid="invite-submit"
      >
        {isBusy ? t("invite.submitting") : t("invite.submit")}
      </button>
    </form>
  );
}
