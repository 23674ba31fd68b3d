import { isStaffRole } from "@/lib/roles";
import type { Metadata } from "next";
import { Suspense } from "react";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/server/i18n/locale";
import { RecordingsBrowser } from "@/app/(console)/recordings/_components/recordings-browser";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("recordings.title") };
}

export default async function RecordingsPage() {
  const user = await requireSessionUser();
  // useSearchParams (filters in the URL) needs a Suspense boundary under the App Router.
  return (
    <Suspense>
      <RecordingsBrowser canFilterByManager={isStaffRole(user.role)} />
    </Suspense>
  );
}
