"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { Badge } from "@/lib/ui/badge";
import { buttonClass } from "@/lib/ui/button-styles";
import { EmptyState } from "@/lib/ui/empty-state";
import { Skeleton } from "@/lib/ui/skeleton";

/** Scorecard templates: open one to edit (a new version), archive the ones no longer used. */
export function ScorecardsPanel() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [withArchived, setWithArchived] = useState(false);
  const templates = useQuery(trpc.quality.templates.queryOptions({ withArchived }));
  const archive = useMutation(
    trpc.quality.archiveTemplate.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.quality.templates.pathKey() }),
    }),
  );
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  return (
    <section className="space-y-4" data-testid="quality-scorecards">
      <div className="flex flex-wrap items-center gap-3">
        <Link
          href="/quality/scorecards/new"
          className={buttonClass("primary")}
          data-testid="scorecard-new"
        >
          {t("quality.scorecards.new")}
        </Link>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={withArchived}
            onChange={(e) => setWithArchived(e.target.checked)}
          />
          {t("quality.scorecards.showArchived")}
        </label>
      </div>
      {archive.isError ? <Alert>{describeError(t, archive.error)}</Alert> : null}
      {templates.isPending ? (
        <Skeleton className="h-24 w-full" />
      ) : templates.isError ? (
        <Alert>{t("quality.loadFailed")}</Alert>
      ) : templates.data.length === 0 ? (
        <EmptyState
          icon="check"
          title={t("quality.scorecards.emptyTitle")}
          testId="scorecards-empty"
        >
          <p>{t("quality.scorecards.emptyBody")}</p>
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
          {templates.data.map((template) => (
            <li
              key={template.id}
              className="flex flex-wrap items-center gap-3 px-4 py-3"
              data-testid="scorecard-row"
            >
              <Link
                href={`/quality/scorecards/${template.id}`}
                className="text-brand-700 font-medium hover:underline"
              >
                {template.name}
              </Link>
              <span className="text-xs text-slate-500">
                {t("quality.versionLabel", { version: template.latestVersion })} ·{" "}
                {date.format(template.updatedAt)} ·{" "}
                {t("quality.scorecards.evaluations", { count: template.evaluationCount })}
              </span>
              {template.isArchived ? <Badge>{t("quality.scorecards.archived")}</Badge> : null}
              <button
                type="button"
                onClick={() =>
                  archive.mutate({ templateId: template.id, isArchived: !template.isArchived })
                }
                className="ml-auto text-xs font-medium text-slate-600 hover:text-slate-900"
              >
                {template.isArchived
                  ? t("quality.scorecards.restore")
                  : t("quality.scorecards.archive")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
