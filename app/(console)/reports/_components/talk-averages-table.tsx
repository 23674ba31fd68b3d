"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useI18n } from "@/lib/i18n/i18n-provider";
import type { ReportFilters } from "@/lib/schemas/reports";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { ScrollX } from "@/lib/ui/scroll-x";
import { Skeleton } from "@/lib/ui/skeleton";
import { Tooltip } from "@/lib/ui/tooltip";

const COLUMNS = [
  "calls",
  "talkRatio",
  "silenceSec",
  "longestSilenceSec",
  "interruptions",
  "firstWordsSec",
  "longestMonologueSec",
] as const;
type Column = (typeof COLUMNS)[number];

/** Per-manager averages of the talk analytics computed from recordings (voice activity). */
export function TalkAveragesTable({ filters }: { filters: ReportFilters }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const averages = useQuery({
    ...trpc.talk.managerAverages.queryOptions(filters),
    placeholderData: keepPreviousData,
  });
  const number = (value: number | null, digits = 1) =>
    value === null
      ? t("common.none")
      : new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  const format = (column: Column, row: NonNullable<typeof averages.data>[number]) => {
    if (column === "calls") return String(row.calls);
    if (column === "talkRatio")
      return row.talkRatio === null
        ? t("common.none")
        : new Intl.NumberFormat(locale, { style: "percent" }).format(row.talkRatio);
    if (column === "interruptions") return number(row.interruptions);
    const seconds = row[column];
    return seconds === null ? t("common.none") : t("talk.seconds", { value: number(seconds) });
  };

  let body;
  if (averages.isPending) body = <Skeleton className="m-4 h-16" />;
  else if (averages.isError)
    body = (
      <Alert className="m-4" testId="talk-averages-error">
        {t("reports.loadFailed")}{" "}
        <button
          type="button"
          className="font-medium underline"
          onClick={() => void averages.refetch()}
        >
          {t("common.retry")}
        </button>
      </Alert>
    );
  else if (averages.data.length === 0)
    body = <p className="px-4 py-3 text-sm text-slate-600">{t("talkReport.empty")}</p>;
  else
    body = (
      <ScrollX label={t("talkReport.title")}>
        <table className="w-full text-sm" data-testid="talk-averages">
          <thead className="bg-slate-50 text-xs text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-2 pl-4 text-left font-medium">
                {t("reports.colManager")}
              </th>
              {COLUMNS.map((column) => (
                <th key={column} scope="col" className="px-2 py-2 text-right align-bottom">
                  <Tooltip content={t(`talkReport.def.${column}`)}>
                    <button
                      type="button"
                      className="cursor-help text-right font-medium underline decoration-slate-300 decoration-dotted underline-offset-2"
                    >
                      {t(`talkReport.col.${column}`)}
                    </button>
                  </Tooltip>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {averages.data.map((row) => (
              <tr key={row.managerId} data-testid="talk-averages-row">
                <th scope="row" className="py-2 pr-2 pl-4 text-left font-medium text-slate-900">
                  {row.managerName ?? t("reports.unassigned")}
                </th>
                {COLUMNS.map((column) => (
                  <td key={column} className="px-2 py-2 text-right whitespace-nowrap tabular-nums">
                    {format(column, row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollX>
    );
  return (
    <section
      className="mt-6 rounded-xl border border-slate-200 bg-white shadow-sm"
      data-testid="talk-averages-section"
    >
      <h2 className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900">
        {t("talkReport.title")}
      </h2>
      {body}
      <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
        {t("talkReport.note")}
      </p>
    </section>
  );
}
