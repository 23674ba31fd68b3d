"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import Link from "next/link";
import { useI18n } from "@/lib/i18n/i18n-provider";
import type { ReportFilters } from "@/lib/schemas/reports";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { buttonClass } from "@/lib/ui/button-styles";
import { Dialog } from "@/lib/ui/dialog";
import { formatDuration } from "@/lib/ui/format-duration";
import { formatPhone } from "@/lib/ui/format-phone";
import { Spinner } from "@/lib/ui/spinner";
import { exportHref } from "@/app/(console)/reports/_components/export-href";
import type { DrillTarget } from "@/app/(console)/reports/_components/types";

type Props = {
  target: DrillTarget | null;
  filters: ReportFilters;
  timeZone: string;
  onClose: () => void;
};

const PAGE = 50;
const MAX = 200;

export function DrillDialog({ target, filters, timeZone, onClose }: Props) {
  // Remounted per target (key in the parent), so the list length starts over.
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const [limit, setLimit] = useState(PAGE);
  const query = useQuery({
    ...trpc.reports.drill.queryOptions({
      filters,
      figure: target?.figure ?? "all",
      slice: target?.slice ?? {},
      offset: 0,
      limit,
    }),
    enabled: target !== null,
    placeholderData: keepPreviousData,
  });
  const calls = query.data?.calls ?? [];
  const total = query.data?.total;
  // The dialog lists up to 200 calls; the CSV export has all of them.
  const hasMore = total !== undefined && calls.length < total && limit < MAX;
  const time = new Intl.DateTimeFormat(locale, {
    timeZone,
    dateStyle: "short",
    timeStyle: "short",
  });
  return (
    <Dialog
      isOpen={target !== null}
      onClose={onClose}
      closeLabel={t("common.close")}
      testId="drill-dialog"
      title={target ? t("reports.drillTitle", { figure: target.title, count: total ?? "…" }) : ""}
    >
      {query.isPending ? (
        <div className="flex justify-center py-8">
          <Spinner className="size-6" />
        </div>
      ) : query.isError ? (
        <Alert>
          {t("reports.loadFailed")}{" "}
          <button type="button" className="underline" onClick={() => void query.refetch()}>
            {t("common.retry")}
          </button>
        </Alert>
      ) : calls.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-600">{t("reports.drillEmpty")}</p>
      ) : (
        <div className="max-h-[60vh] overflow-y-auto">
          <table className="w-full text-sm" data-testid="drill-table">
            <thead className="sticky top-0 bg-white text-xs text-slate-600">
              <tr>
                <th scope="col" className="py-2 pr-3 text-left font-medium">
                  {t("reports.colStarted")}
                </th>
                <th scope="col" className="py-2 pr-3 text-left font-medium">
                  {t("reports.colCall")}
                </th>
                <th scope="col" className="py-2 pr-3 text-left font-medium">
                  {t("reports.colClient")}
                </th>
                <th scope="col" className="py-2 pr-3 text-left font-medium">
                  {t("reports.colManager")}
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  {t("reports.colWait")}
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  {t("reports.colTalk")}
                </th>
                <th scope="col" className="py-2 text-left font-medium">
                  {t("reports.colRouting")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {calls.map((c) => {
                const until = c.answeredAt ?? c.endedAt;
                const wait = until
                  ? Math.round((until.getTime() - c.startedAt.getTime()) / 1000)
                  : null;
                return (
                  <tr key={c.id} data-testid="drill-row">
                    <td className="py-2 pr-3 whitespace-nowrap">
                      <Link
                        href={`/calls/${c.id}`}
                        className="text-brand-700 hover:underline"
                        aria-label={`${t("reports.openCall")} ${time.format(c.startedAt)}`}
                      >
                        {time.format(c.startedAt)}
                      </Link>
                    </td>
                    <td className="py-2 pr-3 whitespace-nowrap">
                      {c.direction === "OUT" ? "↗" : "↙"}{" "}
                      {formatPhone(c.direction === "OUT" ? c.toNumber : c.fromNumber)}
                    </td>
                    <td className="py-2 pr-3">{c.clientName ?? "—"}</td>
                    <td className="py-2 pr-3">{c.managerName ?? t("reports.unassigned")}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">
                      {wait === null ? "—" : formatDuration(Math.max(0, wait))}
                    </td>
                    <td className="py-2 pr-3 text-right tabular-nums">
                      {formatDuration(c.talkSec ?? 0)}
                    </td>
                    <td className="py-2 text-xs text-slate-600">
                      {c.routingOutcome ?? "—"}
                      {c.routingFallback ? ` · ${t("reports.fallbackUsed")}` : ""}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div className="mt-4 flex flex-wrap justify-between gap-2">
        {hasMore ? (
          <button
            type="button"
            className={buttonClass("secondary", "sm")}
            disabled={query.isFetching}
            onClick={() => setLimit((n) => Math.min(MAX, n + PAGE))}
          >
            {t("reports.drillMore")}
          </button>
        ) : (
          <span />
        )}
        {target ? (
          <a
            href={exportHref("calls", filters, target)}
            className={buttonClass("secondary", "sm")}
            data-testid="drill-export"
            download
          >
            {t("reports.exportCalls")}
          </a>
        ) : null}
      </div>
    </Dialog>
  );
}
