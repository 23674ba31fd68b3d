import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { ForbiddenState } from "../../_components/forbidden-state";
import { OrganizationManager } from "./_components/organization-manager";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("settings.organization") };
}

export default async function OrganizationPage() {
  const [user, { t }] = await Promise.all([requireSessionUser(), getTranslator()]);
  if (user.role !== "ADMIN") return <ForbiddenState t={t} />;
  return <OrganizationManager />;
}
