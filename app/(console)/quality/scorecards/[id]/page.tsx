import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getServerCaller } from "@/server/api/caller";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/server/i18n/locale";
import { canReviewQuality } from "@/server/policy/policy";
import { EmptyState } from "@/lib/ui/empty-state";
import { PageHeader } from "@/lib/ui/page-header";
import { blankScorecard } from "@/app/(console)/quality/_components/scorecard-draft";
import { ScorecardEditor } from "@/app/(console)/quality/_components/scorecard-editor";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("quality.editor.title") };
}

type PageProps = { params: Promise<{ id: string }> };

export default async function ScorecardPage({ params }: PageProps) {
  const [{ id }, user, { t }] = await Promise.all([params, requireSessionUser(), getTranslator()]);
  if (!canReviewQuality(user)) {
    return (
      <EmptyState icon="lock" title={t("quality.forbiddenTitle")}>
        <p>{t("quality.forbiddenBody")}</p>
      </EmptyState>
    );
  }
  if (id === "new") {
    return (
      <>
        <PageHeader title={t("quality.editor.newTitle")} />
        <ScorecardEditor initial={blankScorecard()} />
      </>
    );
  }
  const caller = await getServerCaller();
  const template = await caller.quality.template({ templateId: id }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  });
  return (
    <>
      <PageHeader title={template.name} />
      <ScorecardEditor
        templateId={template.id}
        version={template.latest.version}
        initial={{
          name: template.name,
          passThreshold: template.latest.passThreshold,
          content: template.latest.content,
        }}
      />
    </>
  );
}
