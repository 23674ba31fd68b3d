import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/session";
import { getConfig } from "@/server/config";
import { getTranslator } from "@/lib/i18n/server";
import { ForbiddenState } from "../../_components/forbidden-state";
import { ApiKeysManager } from "./_components/api-keys-manager";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("settings.apiKeys") };
}

export default async function ApiKeysPage() {
  const [user, { t }] = await Promise.all([requireSessionUser(), getTranslator()]);
  if (user.role !== "ADMIN") return <ForbiddenState t={t} />;
  return <ApiKeysManager publicUrl={getConfig().publicUrl} />;
}
