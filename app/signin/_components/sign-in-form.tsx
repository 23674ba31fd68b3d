"use client";

import { useActionState } from "react";
import { signInWithPassword, type SignInState } from "@/server/auth/actions";
import { useI18n } from "@/lib/i18n/i18n-provider";
import type { Translate } from "@/lib/i18n/translate";
import { Alert } from "@/lib/ui/alert";
import { buttonClass } from "@/lib/ui/button-styles";
import { TextField } from "@/lib/ui/text-field";
import { SsoButton } from "@/app/signin/_components/sso-button";

type SignInFormProps = {
  callbackUrl: string;
  initialEmail: string;
  oidcProvider: string | null;
  ssoError: "sso_not_invited" | "sso_failed" | null;
};

function errorText(t: Translate, state: SignInState): string | null {
  switch (state.error) {
    case null:
      return null;
    case "rate_limited":
      return state.retryAfterSec
        ? t("signin.error.rate_limited", { count: state.retryAfterSec })
        : t("signin.error.rate_limited_soon");
    default:
      return t(`signin.error.${state.error}`);
  }
}

export function SignInForm({ callbackUrl, initialEmail, oidcProvider, ssoError }: SignInFormProps) {
  const { t } = useI18n();
  const [state, formAction, isPending] = useActionState(signInWithPassword, {
    error: null,
    email: initialEmail,
  });
  // A password attempt replaces any SSO error that brought the person here.
  const message = errorText(t, state) ?? (ssoError ? t(`signin.error.${ssoError}`) : null);

  return (
    <div className="space-y-6">
      {message ? <Alert testId="signin-error">{message}</Alert> : null}
      <form action={formAction} className="space-y-4" data-testid="signin-form">
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <TextField
          label={t("signin.email")}
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          autoFocus={!state.email}
          defaultValue={state.email}
          data-testid="signin-email"
        />
        <TextField
          label={t("signin.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          autoFocus={Boolean(state.email)}
          data-testid="signin-password"
        />
        <button
          type="submit"
          disabled={isPending}
          className={buttonClass("primary", "md", "w-full")}
          data-testid="signin-submit"
        >
          {isPending ? t("signin.submitting") : t("signin.submit")}
        </button>
      </form>
      {oidcProvider ? <SsoButton provider={oidcProvider} callbackUrl={callbackUrl} /> : null}
    </div>
  );
}
