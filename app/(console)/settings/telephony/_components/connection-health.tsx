"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { formatDateTime } from "@/lib/i18n/translate";
import { formatRelativeTime } from "@/lib/ui/relative-time";
import { useNow } from "@/lib/ui/use-now";
import type { Integration } from "@/app/(console)/settings/telephony/_components/types";

function When({ value, now }: { value: Date; now: number }) {
  const { locale } = useI18n();
  return (
    <>
      <span className="font-medium text-slate-900">{formatRelativeTime(locale, value, now)}</span>
      <time dateTime={value.toISOString()} className="block text-xs text-slate-500">
        {formatDateTime(locale, value)}
      </time>
    </>
  );
}

function Item({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm text-slate-700" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

export function ConnectionHealth({ integration }: { integration: Integration }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const feed = useQuery(trpc.feed.health.queryOptions()).data;
  const now = useNow();
  const never = (text: string) => <span className="text-slate-500">{text}</span>;
  const { counts } = integration;

  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-4 lg:grid-cols-4">
      <Item label={t("telephony.accessExpires")} testId="health-access">
        {integration.accessExpiresAt ? (
          <When value={integration.accessExpiresAt} now={now} />
        ) : (
          never(t("common.none"))
        )}
      </Item>
      <Item label={t("telephony.refreshExpires")} testId="health-refresh">
        {integration.refreshExpiresAt ? (
          <When value={integration.refreshExpiresAt} now={now} />
        ) : (
          never(t("common.none"))
        )}
      </Item>
      <Item label={t("telephony.lastNotification")} testId="health-notification">
        {integration.lastNotificationAt ? (
          <When value={integration.lastNotificationAt} now={now} />
        ) : (
          never(t("telephony.noneYet"))
        )}
      </Item>
      <Item label={t("telephony.lastSync")} testId="health-sync">
        {integration.lastSyncAt ? (
          <>
            <When value={integration.lastSyncAt} now={now} />
            <span className="block text-xs text-slate-500">
              {t("telephony.countsSummary", {
                workplaces: t("telephony.workplacesCount", { count: counts.workplaces }),
                terminals: t("telephony.terminalsCount", { count: counts.terminals }),
                numbers: t("telephony.numbersCount", { count: counts.numbers }),
              })}
            </span>
          </>
        ) : (
          never(t("telephony.noneYet"))
        )}
      </Item>
      <Item label={t("telephony.feedFilled")} testId="health-filled">
        {feed ? (
          <>
            <span className="font-medium text-slate-900 tabular-nums">{feed.filledCalls}</span>
            <span className="block text-xs text-slate-500">
              {feed.lastReconciledAt
                ? t("telephony.feedLastReconciled", {
                    time: formatRelativeTime(locale, feed.lastReconciledAt, now),
                  })
                : t("telephony.noneYet")}
            </span>
          </>
        ) : (
          never("…")
        )}
      </Item>
      <Item label={t("telephony.feedClosed")} testId="health-closed">
        {feed ? (
          <>
            <span className="font-medium text-slate-900 tabular-nums">{feed.closedCalls}</span>
            <span className="block text-xs text-slate-500">
              {feed.lastClosedAt
                ? t("telephony.feedLastClosed", {
                    time: formatRelativeTime(locale, feed.lastClosedAt, now),
                  })
                : t("telephony.feedClosedHint")}
            </span>
          </>
        ) : (
          never("…")
        )}
      </Item>
    </dl>
  );
}
