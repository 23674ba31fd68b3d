import type { Metadata } from "next";
import { getTranslator } from "@/server/i18n/locale";
import { EmptyState } from "@/lib/ui/empty-state";
import { PageHeader } from "@/lib/ui/page-header";
import { requireSessionUser } from "@/server/auth/session";
import { canSeeAllCalls } from "@/server/policy/policy";
import { getReportFilterOptions } from "@/server/reports/options";
import { ReportsView } from "@/app/(console)/reports/_components/reports-view";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("reports.title") };
}

// Reports compare managers: supervisors and admins only; a manager sees a forbidden state.
export default async function ReportsPage() {
  const [user, { t }] = await Promise.all([requireSessionUser(), getTranslator()]);
  if (!canSeeAllCalls(user)) {
    return (
      <>
        <PageHeader title={t("reports.title")} />
        <EmptyState icon="lock" title={t("reports.forbiddenTitle")} testId="reports-forbidden">
          <p>{t("reports.forbiddenBody")}</p>
        </EmptyState>
      </>
    );
  }
  const options = await getReportFilterOptions(user.tenantId);
  return <ReportsView userId={user.id} options={options} />;
}
