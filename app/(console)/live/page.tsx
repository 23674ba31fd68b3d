import type { Metadata } from "next";
import { Suspense } from "react";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/server/i18n/locale";
import { LiveBoard } from "@/app/(console)/live/_components/live-board";
import { LiveSkeleton } from "@/app/(console)/live/_components/live-skeleton";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("live.title") };
}

export default async function LivePage() {
  const [user, { t }] = await Promise.all([requireSessionUser(), getTranslator()]);
  // useSearchParams (filters) needs a Suspense boundary under the App Router.
  return (
    <Suspense fallback={<LiveSkeleton label={t("common.loading")} />}>
      <LiveBoard currentUserId={user.id} />
    </Suspense>
  );
}
