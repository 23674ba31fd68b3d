import { isStaffRole } from "@/lib/roles";
import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/server/i18n/locale";
import { ClientsView } from "@/app/(console)/clients/_components/clients-view";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("clients.title") };
}

export default async function ClientsPage() {
  const user = await requireSessionUser();
  const canManage = isStaffRole(user.role);
  return <ClientsView canManage={canManage} currentUserId={user.id} />;
}
