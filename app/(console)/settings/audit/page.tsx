import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { ForbiddenState } from "../../_components/forbidden-state";
import { RecordingAuditLog } from "./_components/recording-audit-log";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("audit.title") };
}

export default async function AuditPage() {
  const [user, { t }] = await Promise.all([requireSessionUser(), getTranslator()]);
  if (user.role !== "ADMIN") return <ForbiddenState t={t} />;
  return <RecordingAuditLog />;
}
