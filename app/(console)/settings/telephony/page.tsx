import { isAdminRole } from "@/lib/roles";
import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/server/i18n/locale";
import { ForbiddenState } from "@/app/(console)/_components/forbidden-state";
import { parseConnectResult } from "@/app/(console)/settings/telephony/_components/connect-result";
import { TelephonyManager } from "@/app/(console)/settings/telephony/_components/telephony-manager";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("settings.telephony") };
}

type TelephonyPageProps = {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function TelephonyPage({ searchParams }: TelephonyPageProps) {
  const [user, { t }, params] = await Promise.all([
    requireSessionUser(),
    getTranslator(),
    searchParams,
  ]);
  if (!isAdminRole(user.role)) return <ForbiddenState t={t} />;
  return <TelephonyManager connectResult={parseConnectResult(params)} />;
}
