import type { Metadata } from "next";
import Link from "next/link";
import { getTranslator } from "@/server/i18n/locale";
import { requireSessionUser } from "@/server/auth/session";
import { canReviewQuality } from "@/server/policy/policy";
import { PageHeader } from "@/lib/ui/page-header";
import { cn } from "@/lib/ui/cn";
import { EvaluationsPanel } from "@/app/(console)/quality/_components/evaluations-panel";
import { NextReviewButton } from "@/app/(console)/quality/_components/next-review-button";
import { QueuePanel } from "@/app/(console)/quality/_components/queue-panel";
import { RulesPanel } from "@/app/(console)/quality/_components/rules-panel";
import { ScorecardsPanel } from "@/app/(console)/quality/_components/scorecards-panel";
import { ScriptsPanel } from "@/app/(console)/quality/_components/scripts/scripts-panel";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("quality.title") };
}

const STAFF_TABS = ["queue", "evaluations", "scorecards", "scripts", "rules"] as const;
type Tab = (typeof STAFF_TABS)[number];

type QualityPageProps = { searchParams: Promise<{ tab?: string }> };

// Reviewers work the queue, scorecards and rules; a manager sees their own evaluations only.
export default async function QualityPage({ searchParams }: QualityPageProps) {
  const [user, { t }, params] = await Promise.all([
    requireSessionUser(),
    getTranslator(),
    searchParams,
  ]);
  if (!canReviewQuality(user)) {
    return (
      <>
        <PageHeader title={t("quality.myTitle")} description={t("quality.myDescription")} />
        <EvaluationsPanel isStaff={false} />
      </>
    );
  }
  const tab: Tab = STAFF_TABS.find((name) => name === params.tab) ?? "queue";
  return (
    <>
      <PageHeader
        title={t("quality.title")}
        description={t("quality.description")}
        actions={<NextReviewButton />}
      />
      <nav
        aria-label={t("quality.tabsLabel")}
        className="mb-6 flex gap-1 border-b border-slate-200"
      >
        {STAFF_TABS.map((name) => (
          <Link
            key={name}
            href={`/quality?tab=${name}`}
            aria-current={tab === name ? "page" : undefined}
            data-testid={`quality-tab-${name}`}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              tab === name
                ? "border-brand-600 text-brand-700"
                : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            {t(`quality.tabs.${name}`)}
          </Link>
        ))}
      </nav>
      {tab === "queue" ? <QueuePanel /> : null}
      {tab === "evaluations" ? <EvaluationsPanel isStaff /> : null}
      {tab === "scorecards" ? <ScorecardsPanel /> : null}
      {tab === "scripts" ? <ScriptsPanel /> : null}
      {tab === "rules" ? <RulesPanel /> : null}
    </>
  );
}
