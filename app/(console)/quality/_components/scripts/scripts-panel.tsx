"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { Badge } from "@/lib/ui/badge";
import { buttonClass } from "@/lib/ui/button-styles";
import { EmptyState } from "@/lib/ui/empty-state";
import { Skeleton } from "@/lib/ui/skeleton";

/** Call scripts: open one to edit (a new version); each is checked against call transcripts. */
export function ScriptsPanel() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const scripts = useQuery(trpc.scripts.list.queryOptions());
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  return (
    <section className="space-y-4" data-testid="quality-scripts">
      <p className="text-sm text-slate-600">{t("scripts.panel.description")}</p>
      <Link href="/quality/scripts/new" className={buttonClass("primary")} data-testid="script-new">
        {t("scripts.panel.new")}
      </Link>
      {scripts.isPending ? (
        <Skeleton className="h-24 w-full" />
      ) : scripts.isError ? (
        <Alert>
          {t("quality.loadFailed")}{" "}
          <button
            type="button"
            className="font-medium underline"
            onClick={() => void scripts.refetch()}
          >
            {t("common.retry")}
          </button>
        </Alert>
      ) : scripts.data.length === 0 ? (
        <EmptyState icon="check" title={t("scripts.panel.emptyTitle")} testId="scripts-empty">
          <p>{t("scripts.panel.emptyBody")}</p>
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
          {scripts.data.map((script) => (
            <li
              key={script.id}
              className="flex flex-wrap items-center gap-3 px-4 py-3"
              data-testid="script-row"
            >
              <Link
                href={`/quality/scripts/${script.id}`}
                className="text-brand-700 font-medium hover:underline"
              >
                {script.name}
              </Link>
              <span className="text-xs text-slate-500">
                {t("quality.versionLabel", { version: script.latestVersion })} ·{" "}
                {t("scripts.panel.steps", { count: script.stepCount })} ·{" "}
                {t("scripts.panel.checks", { count: script.checkCount })} ·{" "}
                {date.format(script.updatedAt)}
              </span>
              {script.isEnabled ? null : <Badge>{t("scripts.panel.disabled")}</Badge>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
