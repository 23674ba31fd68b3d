import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getConfig } from "@/server/config";
import { getOidcProviderName } from "@/server/auth/oidc-info";
import { safeCallbackPath } from "@/server/auth/safe-redirect";
import { getSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/server/i18n/locale";
import { AuthFrame } from "@/app/_components/auth-frame";
import { SignInForm } from "@/app/signin/_components/sign-in-form";

type SignInPageProps = {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("signin.metaTitle") };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(single(params.callbackUrl), getConfig().publicUrl);
  if (await getSessionUser()) redirect(callbackUrl);

  const { t } = await getTranslator();
  const oidcProvider = getOidcProviderName();
  const ssoErrorCode = single(params.error);
  // next-auth reports "AccessDenied" when our signIn callback refused the IdP's email.
  const ssoError = ssoErrorCode
    ? ssoErrorCode === "AccessDenied"
      ? "sso_not_invited"
      : "sso_failed"
    : null;

  return (
    <AuthFrame tagline={t("app.tagline")}>
      <h1 className="text-xl font-semibold text-slate-900">{t("signin.title")}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t("signin.subtitle")}</p>
      <SignInForm
        callbackUrl={callbackUrl}
        initialEmail={single(params.email) ?? ""}
        oidcProvider={oidcProvider}
        ssoError={ssoError}
      />
      <p className="mt-6 border-t border-slate-200 pt-4 text-xs text-slate-500">
        {t("signin.noAccount")}
      </p>
    </AuthFrame>
  );
}
