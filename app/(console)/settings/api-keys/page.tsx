import { isAdminRole } from "@/lib/roles";
import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/session";
import { getConfig } from "@/server/config";
import { getTranslator } from "@/server/i18n/locale";
import { ForbiddenState } from "@/app/(console)/_components/forbidden-state";
import { ApiKeysManager } from "@/app/(console)/settings/api-keys/_components/api-keys-manager";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("settings.apiKeys") };
}

export default async function ApiKeysPage() {
  const [user, { t }] = await Promise.all([requireSessionUser(), getTranslator()]);
  if (!isAdminRole(user.role)) return <ForbiddenState t={t} />;
  return <ApiKeysManager publicUrl={getConfig().publicUrl} />;
}
