import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getServerCaller } from "@/server/api/caller";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/server/i18n/locale";
import { canReviewQuality } from "@/server/policy/policy";
import { EmptyState } from "@/lib/ui/empty-state";
import { PageHeader } from "@/lib/ui/page-header";
import { blankScript, toStepDraft } from "@/app/(console)/quality/_components/scripts/script-draft";
import { ScriptEditor } from "@/app/(console)/quality/_components/scripts/script-editor";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("scripts.editor.title") };
}

type PageProps = { params: Promise<{ id: string }> };

export default async function ScriptPage({ params }: PageProps) {
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
        <PageHeader title={t("scripts.editor.newTitle")} />
        <ScriptEditor initial={blankScript()} />
      </>
    );
  }
  const caller = await getServerCaller();
  const script = await caller.scripts.get({ scriptId: id }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  });
  return (
    <>
      <PageHeader title={script.name} />
      <ScriptEditor
        scriptId={script.id}
        version={script.latestVersion}
        initial={{
          name: script.name,
          isEnabled: script.isEnabled,
          directions: script.directions.filter((d) => d === "IN" || d === "OUT"),
          numbers: script.numbers.join(", "),
          templateId: script.latest.templateId,
          steps: script.latest.content.steps.map(toStepDraft),
        }}
      />
    </>
  );
}
