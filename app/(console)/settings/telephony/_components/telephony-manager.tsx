"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { NoticeRegion } from "@/lib/ui/notice-region";
import type { ConnectResult } from "@/app/(console)/settings/telephony/_components/connect-result";
import { ConnectResultBanner } from "@/app/(console)/settings/telephony/_components/connect-result-banner";
import { ConnectionCard } from "@/app/(console)/settings/telephony/_components/connection-card";
import { CredentialsCard } from "@/app/(console)/settings/telephony/_components/credentials-card";
import { RejectedNotificationsCard } from "@/app/(console)/settings/telephony/_components/rejected-notifications-card";
import { TelephonySkeleton } from "@/app/(console)/settings/telephony/_components/telephony-skeleton";
import type { Notice } from "@/app/(console)/settings/telephony/_components/types";

// Poll fast while a structure sync runs, slowly otherwise so the health details stay current.
const SYNC_POLL_MS = 1_000;
const HEALTH_POLL_MS = 60_000;

export function TelephonyManager({ connectResult }: { connectResult: ConnectResult | null }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const integration = useQuery(
    trpc.integration.get.queryOptions(undefined, {
      refetchInterval: (query) => (query.state.data?.sync.running ? SYNC_POLL_MS : HEALTH_POLL_MS),
    }),
  );
  const [notice, setNotice] = useState<Notice | null>(null);

  return (
    <div className="space-y-6">
      <div>
        <h2 className="text-base font-semibold text-slate-900">{t("telephony.title")}</h2>
        <p className="mt-1 text-sm text-slate-600">{t("telephony.description")}</p>
      </div>

      <ConnectResultBanner
        result={connectResult}
        storedError={integration.data?.lastError ?? null}
      />

      <NoticeRegion notice={notice} onDismiss={() => setNotice(null)} testId="telephony-notice" />

      {integration.isPending ? <TelephonySkeleton label={t("common.loading")} /> : null}
      {integration.isError ? (
        <div
          className="space-y-3 rounded-xl border border-slate-200 bg-white p-6"
          data-testid="telephony-error"
        >
          <Alert>
            {t("telephony.loadFailed")} {describeError(t, integration.error)}
          </Alert>
          <button
            type="button"
            onClick={() => void integration.refetch()}
            className={buttonClass("secondary", "sm")}
          >
            {t("common.retry")}
          </button>
        </div>
      ) : null}
      {integration.data ? (
        <>
          <ConnectionCard integration={integration.data} onNotice={setNotice} />
          <CredentialsCard integration={integration.data} onNotice={setNotice} />
          {integration.data.status !== "NOT_CONNECTED" ? <RejectedNotificationsCard /> : null}
        </>
      ) : null}
    </div>
  );
}
