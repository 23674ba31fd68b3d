"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { Badge } from "@/lib/ui/badge";
import { buttonClass } from "@/lib/ui/button-styles";
import { EmptyState } from "@/lib/ui/empty-state";
import { formatPhone } from "@/lib/ui/format-phone";
import { inputClass } from "@/lib/ui/input-styles";
import { Skeleton } from "@/lib/ui/skeleton";
import { formatScore } from "@/app/(console)/quality/_components/quality-format";

const PAGE = 50;
const STATUSES = ["SUBMITTED", "ACKNOWLEDGED", "DISPUTED", "RESOLVED"] as const;

/** Evaluations, newest first: a manager's own, or (staff) everyone's with open disputes first to find. */
export function EvaluationsPanel({ isStaff }: { isStaff: boolean }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const [status, setStatus] = useState<(typeof STATUSES)[number] | "">("");
  const [isDisputedOnly, setDisputedOnly] = useState(false);
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    ...trpc.quality.evaluations.queryOptions({
      status: status || undefined,
      hasOpenDispute: isDisputedOnly || undefined,
      limit: PAGE,
      offset,
    }),
    placeholderData: keepPreviousData,
  });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section className="space-y-4" data-testid="quality-evaluations">
      <div className="flex flex-wrap items-center gap-3">
        <select
          value={status}
          onChange={(e) => {
            setStatus(STATUSES.find((s) => s === e.target.value) ?? "");
            setOffset(0);
          }}
          className={inputClass(false, "h-9 w-52")}
          aria-label={t("quality.evaluations.status")}
        >
          <option value="">{t("quality.evaluations.anyStatus")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`quality.status.${s}`)}
            </option>
          ))}
        </select>
        {isStaff ? (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={isDisputedOnly}
              onChange={(e) => {
                setDisputedOnly(e.target.checked);
                setOffset(0);
              }}
            />
            {t("quality.evaluations.openDisputes")}
          </label>
        ) : null}
      </div>
      {list.isPending ? (
        <Skeleton className="h-32 w-full" />
      ) : list.isError ? (
        <Alert>{t("quality.loadFailed")}</Alert>
      ) : list.data.items.length === 0 ? (
        <EmptyState
          icon="check"
          title={t("quality.evaluations.emptyTitle")}
          testId="evaluations-empty"
        >
          <p>
            {isStaff ? t("quality.evaluations.emptyBodyStaff") : t("quality.evaluations.emptyBody")}
          </p>
        </EmptyState>
      ) : (
        <>
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="w-full text-sm">
              <thead className="bg-slate-50 text-left text-xs text-slate-500">
                <tr>
                  <th className="px-3 py-2 font-medium">{t("quality.evaluations.colCall")}</th>
                  {isStaff ? (
                    <th className="px-3 py-2 font-medium">{t("quality.queue.colManager")}</th>
                  ) : null}
                  <th className="px-3 py-2 font-medium">{t("quality.evaluations.colScore")}</th>
                  <th className="px-3 py-2 font-medium">{t("quality.evaluations.colScorecard")}</th>
                  <th className="px-3 py-2 font-medium">{t("quality.queue.colReviewer")}</th>
                  <th className="px-3 py-2 font-medium">{t("quality.evaluations.status")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {list.data.items.map((item) => (
                  <tr key={item.id} data-testid="evaluation-row" data-evaluation-id={item.id}>
                    <td className="px-3 py-2">
                      <Link
                        href={`/calls/${item.callId}#quality`}
                        className="text-brand-700 font-medium hover:underline"
                        data-testid="evaluation-open"
                      >
                        {date.format(item.call.startedAt)}
                      </Link>
                      <div className="text-xs text-slate-500">
                        {formatPhone(
                          item.call.direction === "OUT" ? item.call.toNumber : item.call.fromNumber,
                        )}
                      </div>
                    </td>
                    {isStaff ? <td className="px-3 py-2">{item.manager?.name ?? "—"}</td> : null}
                    <td className="px-3 py-2 whitespace-nowrap">
                      <span className="font-medium tabular-nums">{formatScore(item.score)}</span>{" "}
                      <Badge tone={item.isPassed ? "success" : "danger"}>
                        {item.isPassed ? t("quality.passed") : t("quality.failed")}
                      </Badge>
                      {item.hasCriticalFail ? (
                        <span className="ml-1">
                          <Badge tone="danger">{t("quality.criticalFailed")}</Badge>
                        </span>
                      ) : null}
                    </td>
                    <td className="px-3 py-2">
                      {item.version.name}{" "}
                      <span className="text-xs text-slate-500">
                        {t("quality.versionLabel", { version: item.version.version })}
                      </span>
                    </td>
                    <td className="px-3 py-2">
                      {item.reviewer?.name ?? "—"}
                      <div className="text-xs text-slate-500">{date.format(item.createdAt)}</div>
                    </td>
                    <td className="px-3 py-2">
                      <Badge tone={item.openDisputes > 0 ? "warning" : "neutral"}>
                        {t(`quality.status.${item.status}`)}
                      </Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="flex items-center gap-2 text-sm text-slate-600">
            {t("quality.evaluations.range", {
              from: offset + 1,
              to: offset + list.data.items.length,
              total: list.data.total,
            })}
            <button
              type="button"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
              className={buttonClass("secondary", "sm")}
            >
              {t("quality.prev")}
            </button>
            <button
              type="button"
              disabled={offset + PAGE >= list.data.total}
              onClick={() => setOffset(offset + PAGE)}
              className={buttonClass("secondary", "sm")}
            >
              {t("quality.next")}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
