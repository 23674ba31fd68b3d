"use client";

import { signInWithOidc } from "@/server/auth/actions";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { SubmitButton } from "@/lib/ui/submit-button";

type SsoButtonProps = { provider: string; callbackUrl: string };

export function SsoButton({ provider, callbackUrl }: SsoButtonProps) {
  const { t } = useI18n();
  return (
    <div>
      <div className="mb-6 flex items-center gap-3 text-xs text-slate-500 uppercase" aria-hidden>
        <span className="h-px flex-1 bg-slate-200" />
        {t("signin.or")}
        <span className="h-px flex-1 bg-slate-200" />
      </div>
      <form action={signInWithOidc}>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <SubmitButton
          variant="secondary"
          className="w-full"
          label={t("signin.sso", { provider })}
          testId="signin-sso"
        />
      </form>
    </div>
  );
}
