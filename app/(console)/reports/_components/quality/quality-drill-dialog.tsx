"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useI18n } from "@/lib/i18n/i18n-provider";
import type { ReportFilters } from "@/lib/schemas/reports";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { Badge } from "@/lib/ui/badge";
import { Dialog } from "@/lib/ui/dialog";
import { Skeleton } from "@/lib/ui/skeleton";
import { formatScore } from "@/app/(console)/quality/_components/quality-format";

export type QualityDrill = {
  managerId?: string;
  criterionId?: string;
  only: "all" | "failed" | "critical" | "disputed";
  title: string;
};

/** The evaluations behind a figure of the Quality tab, each linking to its call. */
export function QualityDrillDialog({
  drill,
  filters,
  onClose,
}: {
  drill: QualityDrill | null;
  filters: ReportFilters;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const list = useQuery({
    ...trpc.quality.drill.queryOptions({
      filters,
      managerId: drill?.managerId,
      criterionId: drill?.criterionId,
      only: drill?.only ?? "all",
      limit: 100,
    }),
    enabled: drill !== null,
  });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <Dialog
      isOpen={drill !== null}
      onClose={onClose}
      title={drill?.title ?? ""}
      description={drill ? t(`quality.report.only.${drill.only}`) : undefined}
      closeLabel={t("common.close")}
      testId="quality-drill"
    >
      {list.isPending ? (
        <Skeleton className="h-24 w-full" />
      ) : list.isError ? (
        <Alert>{t("quality.loadFailed")}</Alert>
      ) : list.data.items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("quality.report.drillEmpty")}</p>
      ) : (
        <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto text-sm">
          {list.data.items.map((item) => (
            <li
              key={item.id}
              className="flex flex-wrap items-center gap-2 py-2"
              data-testid="quality-drill-row"
            >
              <Link
                href={`/calls/${item.callId}#quality`}
                className="text-brand-700 font-medium hover:underline"
              >
                {date.format(item.createdAt)}
              </Link>
              <span>{item.manager?.name ?? "—"}</span>
              <span className="tabular-nums">{formatScore(item.score)}</span>
              <Badge tone={item.isPassed ? "success" : "danger"}>
                {item.isPassed ? t("quality.passed") : t("quality.failed")}
              </Badge>
              <span className="text-xs text-slate-500">
                {item.version.name} · {item.reviewer?.name ?? "—"}
              </span>
            </li>
          ))}
          {list.data.total > list.data.items.length ? (
            <li className="py-2 text-xs text-slate-500">
              {t("quality.report.more", { count: list.data.total - list.data.items.length })}
            </li>
          ) : null}
        </ul>
      )}
    </Dialog>
  );
}
