"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import type { Translate } from "@/lib/i18n/translate";
import { SKIP_REASONS } from "@/lib/schemas/quality";
import { useNow } from "@/lib/ui/use-now";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { Badge } from "@/lib/ui/badge";
import { EmptyState } from "@/lib/ui/empty-state";
import { formatDuration } from "@/lib/ui/format-duration";
import { formatPhone } from "@/lib/ui/format-phone";
import { inputClass } from "@/lib/ui/input-styles";
import { Skeleton } from "@/lib/ui/skeleton";
import { SkipDialog } from "@/app/(console)/quality/_components/skip-dialog";

/** "tooShort: note" as stored → the reason in the reader's language, and the note. */
function describeSkip(t: Translate, stored: string): string {
  const [code = "", ...rest] = stored.split(": ");
  const reason = SKIP_REASONS.find((r) => r === code);
  const note = rest.join(": ");
  if (!reason) return stored;
  return note
    ? `${t(`quality.skip.reasons.${reason}`)}: ${note}`
    : t(`quality.skip.reasons.${reason}`);
}

/** The review queue: the reviewer's own items by due date, or everyone's. */
export function QueuePanel() {
  const { t, locale } = useI18n();
  const now = useNow();
  const trpc = useTRPC();
  const [scope, setScope] = useState<"mine" | "all">("mine");
  const [status, setStatus] = useState<"OPEN" | "DONE" | "SKIPPED">("OPEN");
  const [skipping, setSkipping] = useState<string | null>(null);
  const queue = useQuery(trpc.quality.queue.queryOptions({ scope, status }));
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section className="space-y-4" data-testid="quality-queue">
      <div className="flex flex-wrap gap-2">
        <select
          value={scope}
          onChange={(e) => setScope(e.target.value === "all" ? "all" : "mine")}
          className={inputClass(false, "h-9 w-48")}
          aria-label={t("quality.queue.scope")}
        >
          <option value="mine">{t("quality.queue.mine")}</option>
          <option value="all">{t("quality.queue.all")}</option>
        </select>
        <select
          value={status}
          onChange={(e) => setStatus(e.target.value as typeof status)}
          className={inputClass(false, "h-9 w-48")}
          aria-label={t("quality.queue.statusLabel")}
        >
          {(["OPEN", "DONE", "SKIPPED"] as const).map((s) => (
            <option key={s} value={s}>
              {t(`quality.queue.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {queue.isPending ? (
        <Skeleton className="h-32 w-full" />
      ) : queue.isError ? (
        <Alert>{t("quality.loadFailed")}</Alert>
      ) : queue.data.length === 0 ? (
        <EmptyState icon="check" title={t("quality.queue.emptyTitle")} testId="queue-empty">
          <p>{t("quality.queue.emptyBody")}</p>
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs text-slate-500">
              <tr>
                <th className="px-3 py-2 font-medium">{t("quality.queue.colCall")}</th>
                <th className="px-3 py-2 font-medium">{t("quality.queue.colManager")}</th>
                <th className="px-3 py-2 font-medium">{t("quality.queue.colRule")}</th>
                <th className="px-3 py-2 font-medium">{t("quality.queue.colReviewer")}</th>
                <th className="px-3 py-2 font-medium">
                  {status === "OPEN" ? t("quality.queue.colDue") : t("quality.queue.colClosed")}
                </th>
                <th className="px-3 py-2" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {queue.data.map((item) => {
                const isOverdue = item.status === "OPEN" && item.dueAt.getTime() < now;
                return (
                  <tr key={item.id} data-testid="queue-row">
                    <td className="px-3 py-2">
                      <Link
                        href={`/calls/${item.callId}${item.status === "OPEN" ? `?review=${item.id}` : ""}`}
                        className="text-brand-700 font-medium hover:underline"
                      >
                        {date.format(item.call.startedAt)}
                      </Link>
                      <div className="text-xs text-slate-500">
                        {formatPhone(
                          item.call.direction === "OUT" ? item.call.toNumber : item.call.fromNumber,
                        )}{" "}
                        · {formatDuration(item.call.durationSec ?? 0)}
                      </div>
                    </td>
                    <td className="px-3 py-2">{item.call.manager?.name ?? "—"}</td>
                    <td className="px-3 py-2">
                      {item.rule?.name ?? t("quality.review.manual")}
                      <div className="text-xs text-slate-500">{item.templateName}</div>
                    </td>
                    <td className="px-3 py-2">{item.reviewer?.name ?? "—"}</td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {status === "OPEN"
                        ? date.format(item.dueAt)
                        : item.closedAt
                          ? date.format(item.closedAt)
                          : "—"}
                      {isOverdue ? (
                        <span className="ml-1">
                          <Badge tone="danger">{t("quality.queue.overdue")}</Badge>
                        </span>
                      ) : null}
                      {item.skipReason ? (
                        <div className="text-xs text-slate-500" data-testid="queue-skip-reason">
                          {describeSkip(t, item.skipReason)}
                        </div>
                      ) : null}
                    </td>
                    <td className="px-3 py-2 text-right">
                      {item.status === "OPEN" ? (
                        <button
                          type="button"
                          onClick={() => setSkipping(item.id)}
                          className="text-xs font-medium text-slate-600 hover:text-slate-900"
                          data-testid="queue-skip"
                        >
                          {t("quality.skip.action")}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <SkipDialog itemId={skipping} onClose={() => setSkipping(null)} />
    </section>
  );
}
