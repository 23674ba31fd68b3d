import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/server/i18n/locale";
import { ClientDetail } from "@/app/(console)/clients/_components/client-detail";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("clients.card") };
}

type Params = { params: Promise<{ id: string }> };

export default async function ClientPage({ params }: Params) {
  const [user, { id }] = await Promise.all([requireSessionUser(), params]);
  return <ClientDetail clientId={id} currentUserId={user.id} />;
}
