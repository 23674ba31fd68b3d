import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { ClientsView } from "./_components/clients-view";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("clients.title") };
}

export default async function ClientsPage() {
  const user = await requireSessionUser();
  const canManage = user.role === "ADMIN" || user.role === "SUPERVISOR";
  return <ClientsView canManage={canManage} currentUserId={user.id} />;
}
