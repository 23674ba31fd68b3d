import { isAdminRole } from "@/lib/roles";
import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/server/i18n/locale";
import { ForbiddenState } from "@/app/(console)/_components/forbidden-state";
import { SpeechSettingsForm } from "@/app/(console)/settings/speech/_components/speech-settings-form";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("speech.title") };
}

export default async function SpeechSettingsPage() {
  const [user, { t }] = await Promise.all([requireSessionUser(), getTranslator()]);
  if (!isAdminRole(user.role)) return <ForbiddenState t={t} />;
  return <SpeechSettingsForm />;
}
