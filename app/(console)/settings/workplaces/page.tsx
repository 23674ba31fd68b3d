import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { ForbiddenState } from "../../_components/forbidden-state";
import { WorkplacesManager } from "./_components/workplaces-manager";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("settings.workplaces") };
}

export default async function WorkplacesPage() {
  const [user, { t }] = await Promise.all([requireSessionUser(), getTranslator()]);
  if (user.role !== "ADMIN") return <ForbiddenState t={t} />;
  return <WorkplacesManager />;
}
