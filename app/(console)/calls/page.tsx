import type { Metadata } from "next";
import { Suspense } from "react";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/server/i18n/locale";
import { CallHistory } from "@/app/(console)/calls/_components/call-history";
import { HistorySkeleton } from "@/app/(console)/calls/_components/history-skeleton";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("calls.title") };
}

export default async function CallsPage() {
  const [, { t }] = await Promise.all([requireSessionUser(), getTranslator()]);
  // useSearchParams (filters in the URL) needs a Suspense boundary under the App Router.
  return (
    <Suspense fallback={<HistorySkeleton label={t("common.loading")} />}>
      <CallHistory />
    </Suspense>
  );
}
