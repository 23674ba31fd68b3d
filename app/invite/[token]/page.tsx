import type { Metadata } from "next";
import { TRPCError } from "@trpc/server";
import { getServerCaller } from "@/server/api/caller";
import { AppError } from "@/server/errors";
import { inviteTokenInput } from "@/lib/schemas/users";
import { getTranslator } from "@/server/i18n/locale";
import { TRPCReactProvider } from "@/lib/trpc/react";
import { AuthFrame } from "@/app/_components/auth-frame";
import { AcceptInviteForm } from "@/app/invite/[token]/_components/accept-invite-form";
import { InviteInvalid } from "@/app/invite/[token]/_components/invite-invalid";

type InvitePageProps = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("invite.metaTitle"), robots: { index: false } };
}

async function loadInvite(token: string) {
  if (!inviteTokenInput.safeParse({ token }).success) return null;
  const caller = await getServerCaller();
  try {
    return await caller.invites.get({ token });
  } catch (error) {
    const isInvalid =
      error instanceof TRPCError &&
      error.cause instanceof AppError &&
      error.cause.code === "INVITE_INVALID";
    if (isInvalid) return null;
    throw error;
  }
}

export default async function InvitePage({ params }: InvitePageProps) {
  const { token } = await params;
  const [{ t }, invite] = await Promise.all([getTranslator(), loadInvite(token)]);
  return (
    <AuthFrame tagline={t("app.tagline")}>
      {invite ? (
        <>
          <h1 className="text-xl font-semibold text-slate-900">
            {t("invite.title", { company: invite.tenantName })}
          </h1>
          <p className="mt-1 mb-6 text-sm text-slate-600">{t("invite.intro")}</p>
          <TRPCReactProvider>
            <AcceptInviteForm token={token} email={invite.email} initialName={invite.name} />
          </TRPCReactProvider>
        </>
      ) : (
        <InviteInvalid />
      )}
    </AuthFrame>
  );
}
