import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { RecordingsBrowser } from "./_components/recordings-browser";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("recordings.title") };
}

export default async function RecordingsPage() {
  const user = await requireSessionUser();
  return <RecordingsBrowser canFilterByManager={user.role !== "MANAGER"} />;
}
