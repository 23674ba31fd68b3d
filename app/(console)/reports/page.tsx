import type { Metadata } from "next";
import { getTranslator } from "@/server/i18n/locale";
import { EmptyState } from "@/lib/ui/empty-state";
import { PageHeader } from "@/lib/ui/page-header";
import { requireSessionUser } from "@/server/auth/session";
import { canSeeAllCalls } from "@/server/policy/policy";
import { getReportFilterOptions } from "@/server/reports/options";
import { ReportsView } from "@/app/(console)/reports/_components/reports-view";
import { QualityReportView } from "@/app/(console)/reports/_components/quality/quality-report-view";
import { ReportTabs } from "@/app/(console)/reports/_components/report-tabs";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("reports.title") };
}

// Reports compare managers: supervisors and admins only; a manager sees a forbidden state.
export default async function ReportsPage({
  searchParams,
}: {
  searchParams: Promise<{ tab?: string }>;
}) {
  const [user, { t }, params] = await Promise.all([
    requireSessionUser(),
    getTranslator(),
    searchParams,
  ]);
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
  if (params.tab === "quality") {
    return (
      <>
        <PageHeader title={t("reports.title")} />
        <ReportTabs active="quality" />
        <QualityReportView today={options.today} timeZone={options.timeZone} />
      </>
    );
  }
  return <ReportsView userId={user.id} options={options} tabs={<ReportTabs active="calls" />} />;
}
