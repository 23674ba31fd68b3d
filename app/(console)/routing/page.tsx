import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { RoutingManager } from "./_components/routing-manager";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("routing.title") };
}

// Everyone may read the rules and use the test panel; supervisors and admins edit them.
export default async function RoutingPage() {
  const user = await requireSessionUser();
  return <RoutingManager canEdit={user.role === "ADMIN" || user.role === "SUPERVISOR"} />;
}
