import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { ForbiddenState } from "../../_components/forbidden-state";
import { parseConnectResult } from "./_components/connect-result";
import { TelephonyManager } from "./_components/telephony-manager";

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
  if (user.role !== "ADMIN") return <ForbiddenState t={t} />;
  return <TelephonyManager connectResult={parseConnectResult(params)} />;
}
