"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { formatDateTime } from "@/lib/i18n/translate";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { inputClass } from "@/lib/ui/input-styles";
import type { Notice } from "@/lib/ui/notice-region";
import { DeliveryDetails } from "@/app/(console)/settings/webhooks/_components/delivery-details";
import { DeliveryStatusBadge } from "@/app/(console)/settings/webhooks/_components/delivery-status";
import type { DeliveryItem } from "@/app/(console)/settings/webhooks/_components/types";

const FILTERS = ["all", "failed", "pending", "succeeded"] as const;
type Filter = (typeof FILTERS)[number];
const filterLabel = {
  all: "webhooks.filterAll",
  failed: "webhooks.filterFailed",
  pending: "webhooks.filterPending",
  succeeded: "webhooks.filterSucceeded",
} as const;

export function DeliveryLog({
  endpointId,
  onNotice,
}: {
  endpointId: string;
  onNotice: (notice: Notice) => void;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Filter>("all");
  const [openId, setOpenId] = useState<string | null>(null);
  // Retries and fresh events land while the log is open: it refreshes itself.
  const log = useInfiniteQuery({
    ...trpc.webhooks.deliveries.infiniteQueryOptions(
      { endpointId, status, limit: 25 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
    refetchInterval: 3_000,
  });
  const resend = useMutation(
    trpc.webhooks.resend.mutationOptions({
      onSuccess: () => onNotice({ tone: "success", text: t("webhooks.resent") }),
      onError: (error) =>
        onNotice({
          tone: "error",
          text: `${t("webhooks.actionFailed")} ${describeError(t, error)}`,
        }),
      onSettled: () => void queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() }),
    }),
  );
  const rows = log.data?.pages.flatMap((p) => p.deliveries) ?? [];

  return (
    <div className="space-y-3 border-t border-slate-100 pt-3" data-testid="webhook-log">
      <label className="flex items-center gap-2 text-sm text-slate-700">
        {t("webhooks.filterLabel")}
        <select
          className={inputClass(false, "h-8 w-auto py-0")}
          value={status}
          onChange={(e) => setStatus(e.target.value as Filter)}
          data-testid="webhook-log-filter"
        >
          {FILTERS.map((f) => (
            <option key={f} value={f}>
              {t(filterLabel[f])}
            </option>
          ))}
        </select>
      </label>
      {log.isError ? (
        <Alert>
          {t("webhooks.logFailed")} {describeError(t, log.error)}
        </Alert>
      ) : null}
      {log.isSuccess && rows.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="webhook-log-empty">
          {t("webhooks.logEmpty")}
        </p>
      ) : null}
      {rows.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="py-1 pr-3 font-medium">{t("webhooks.colEvent")}</th>
                <th className="py-1 pr-3 font-medium">{t("webhooks.colStatus")}</th>
                <th className="py-1 pr-3 font-medium">{t("webhooks.colCode")}</th>
                <th className="py-1 pr-3 font-medium">{t("webhooks.colLatency")}</th>
                <th className="py-1 pr-3 font-medium">{t("webhooks.colAttempts")}</th>
                <th className="py-1 pr-3 font-medium">{t("webhooks.colAt")}</th>
                <th className="py-1 font-medium">
                  <span className="sr-only">{t("webhooks.colActions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <DeliveryRow
                  key={row.id}
                  row={row}
                  isOpen={openId === row.id}
                  onToggle={() => setOpenId(openId === row.id ? null : row.id)}
                  onResend={() => resend.mutate({ deliveryId: row.id })}
                  isResending={resend.isPending && resend.variables.deliveryId === row.id}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {log.hasNextPage ? (
        <button
          type="button"
          className={buttonClass("secondary", "sm")}
          disabled={log.isFetchingNextPage}
          onClick={() => void log.fetchNextPage()}
        >
          {t("webhooks.loadMore")}
        </button>
      ) : null}
    </div>
  );
}

type RowProps = {
  row: DeliveryItem;
  isOpen: boolean;
  onToggle: () => void;
  onResend: () => void;
  isResending: boolean;
};

function DeliveryRow({ row, isOpen, onToggle, onResend, isResending }: RowProps) {
  const { t, locale } = useI18n();
  const eventKey = `webhooks.event.${row.eventType}` as const;
  return (
    <>
      <tr className="border-t border-slate-100 align-top" data-testid="webhook-delivery">
        <td className="py-2 pr-3">
          <span className="font-mono text-xs" data-testid="webhook-delivery-event">
            {row.eventType}
          </span>
          <span className="sr-only"> {t(eventKey as "webhooks.event.webhook.test")}</span>
        </td>
        <td className="py-2 pr-3">
          <DeliveryStatusBadge row={row} />
        </td>
        <td className="py-2 pr-3 tabular-nums" data-testid="webhook-delivery-code">
          {row.lastStatusCode ?? (row.attempts > 0 ? t("webhooks.noAnswer") : t("common.none"))}
        </td>
        <td className="py-2 pr-3 tabular-nums">
          {row.lastLatencyMs === null
            ? t("common.none")
            : t("webhooks.latencyMs", { ms: row.lastLatencyMs })}
        </td>
        <td className="py-2 pr-3 tabular-nums">{row.attempts}</td>
        <td className="py-2 pr-3 whitespace-nowrap">
          {formatDateTime(locale, new Date(row.createdAt))}
        </td>
        <td className="py-2 whitespace-nowrap">
          <button
            type="button"
            className={buttonClass("ghost", "sm")}
            aria-expanded={isOpen}
            onClick={onToggle}
            data-testid="webhook-delivery-details"
          >
            {isOpen ? t("webhooks.hideDetails") : t("webhooks.details")}
          </button>
          <button
            type="button"
            className={buttonClass("ghost", "sm")}
            disabled={isResending || row.status === "SENDING"}
            onClick={onResend}
            data-testid="webhook-delivery-resend"
          >
            {t("webhooks.resend")}
          </button>
        </td>
      </tr>
      {isOpen ? (
        <tr>
          <td colSpan={7} className="pb-3">
            <DeliveryDetails deliveryId={row.id} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
