import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { Badge } from "@/lib/ui/badge";
import { EmptyState } from "@/lib/ui/empty-state";
import { ForbiddenState } from "../../_components/forbidden-state";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("settings.telephony") };
}

export default async function TelephonyPage() {
  const [user, { t }] = await Promise.all([requireSessionUser(), getTranslator()]);
  if (user.role !== "ADMIN") return <ForbiddenState t={t} />;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600">{t("telephony.description")}</p>
        <p className="flex items-center gap-2 text-sm text-slate-700">
          {t("telephony.statusLabel")}:
          <Badge testId="telephony-status">{t("telephony.notConnected")}</Badge>
        </p>
      </div>
      <EmptyState
        icon="plug"
        title={t("telephony.placeholderTitle")}
        testId="telephony-placeholder"
      >
        <p>{t("telephony.placeholderBody")}</p>
      </EmptyState>
    </div>
  );
}
