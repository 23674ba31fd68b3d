import { isStaffRole } from "@/lib/roles";
import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/server/i18n/locale";
import { RoutingManager } from "@/app/(console)/routing/_components/routing-manager";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("routing.title") };
}

// Everyone may read the rules and use the test panel; supervisors and admins edit them.
export default async function RoutingPage() {
  const user = await requireSessionUser();
  return <RoutingManager canEdit={isStaffRole(user.role)} />;
}
