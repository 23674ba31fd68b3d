"use client";

import { useQuery } from "@tanstack/react-query";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useOnReconnect } from "@/lib/realtime/socket-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";

// Polled rather than pushed: a gap is rare and lasts minutes. Faster while one is open, so the
// banner goes away soon after the reconcile closes it.
const POLL_OK_MS = 60_000;
const POLL_GAP_MS = 10_000;

/** Warns everyone in the console while calls may be missing from the PBX notification feed. */
export function FeedHealthBanner() {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const health = useQuery({
    ...trpc.feed.health.queryOptions(),
    refetchInterval: (query) => (query.state.data?.gapSince ? POLL_GAP_MS : POLL_OK_MS),
  });
  // After Pult restarts or the connection returns, the feed state has probably changed.
  useOnReconnect(() => void health.refetch());

  const data = health.data;
  if (!data?.gapSince || (data.status !== "gap" && data.status !== "reconciling")) return null;
  const format = (date: Date) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" }).format(date);
  const reason = data.gapReason ?? "DOWNTIME";
  const isReconciling = data.status === "reconciling";
  return (
    <Alert tone="warning" testId="feed-health-banner" className="mb-6">
      <p className="font-medium" data-testid="feed-health-status" data-status={data.status}>
        {t("feed.gap.title")}
      </p>
      <p>{t(`feed.gap.${reason}`, { since: format(data.gapSince) })}</p>
      <p className="mt-1 text-amber-800">
        {isReconciling ? t("feed.gap.reconciling") : t("feed.gap.waiting")}
        {!isReconciling && data.lastErrorAt
          ? ` ${t("feed.gap.lastError", { time: format(data.lastErrorAt) })}`
          : null}
        {!isReconciling && !data.lastErrorAt && data.lastReconciledAt
          ? ` ${t("feed.gap.lastReconciled", { time: format(data.lastReconciledAt) })}`
          : null}
      </p>
    </Alert>
  );
}
