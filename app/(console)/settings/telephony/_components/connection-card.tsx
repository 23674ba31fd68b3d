"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { Badge } from "@/lib/ui/badge";
import { Icon } from "@/lib/ui/icon";
import { ConnectButton } from "@/app/(console)/settings/telephony/_components/connect-button";
import { ConnectionHealth } from "@/app/(console)/settings/telephony/_components/connection-health";
import { DisconnectButton } from "@/app/(console)/settings/telephony/_components/disconnect-button";
import { IntegrationStatusBadge } from "@/app/(console)/settings/telephony/_components/integration-status-badge";
import { LastErrorNote } from "@/app/(console)/settings/telephony/_components/last-error-note";
import { SyncControl } from "@/app/(console)/settings/telephony/_components/sync-control";
import type { Integration, Notice } from "@/app/(console)/settings/telephony/_components/types";

type ConnectionCardProps = { integration: Integration; onNotice: (notice: Notice) => void };

export function ConnectionCard({ integration, onNotice }: ConnectionCardProps) {
  const { t } = useI18n();
  const { status } = integration;
  const isLinked = status !== "NOT_CONNECTED";
  const needsReauth = status === "NEEDS_REAUTH" || integration.refreshLapsesSoon;
  const onError = (text: string) => onNotice({ tone: "error", text });

  return (
    <section
      aria-labelledby="connection-heading"
      className="rounded-xl border border-slate-200 bg-white"
      data-testid="connection-card"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-slate-200 px-4 py-4 sm:px-6">
        <h3 id="connection-heading" className="text-base font-semibold text-slate-900">
          {t("telephony.connectionTitle")}
        </h3>
        <IntegrationStatusBadge status={status} label={t(`telephony.status.${status}`)} />
        {integration.isSimulator ? (
          <span title={t("telephony.simulatorHint")}>
            <Badge tone="brand" testId="telephony-simulator">
              <Icon name="info" className="mr-1 size-3.5" />
              {t("telephony.simulator")}
            </Badge>
          </span>
        ) : null}
      </div>

      <div className="space-y-5 px-4 py-5 sm:px-6">
        <p className="text-sm text-slate-700" data-testid="telephony-status-text">
          {t(`telephony.statusText.${status}`)}
        </p>

        {needsReauth ? (
          <div
            role="status"
            className="flex flex-col gap-3 rounded-lg border border-amber-300 bg-amber-50 p-4 sm:flex-row sm:items-center"
            data-testid="reauth-warning"
          >
            <Icon name="alert" className="hidden size-5 text-amber-700 sm:block" />
            <div className="flex-1 text-sm text-amber-900">
              <p className="font-semibold">
                {status === "NEEDS_REAUTH"
                  ? t("telephony.reauthNeededTitle")
                  : t("telephony.reauthSoonTitle")}
              </p>
              <p className="mt-0.5">{t("telephony.reauthBody")}</p>
            </div>
            <ConnectButton
              label={t("telephony.reauthorize")}
              isEnabled={Boolean(integration.clientId && integration.hasSecret)}
              onError={onError}
              testId="reauth-button"
            />
          </div>
        ) : null}

        {isLinked ? <ConnectionHealth integration={integration} /> : null}
        {integration.lastError ? (
          <LastErrorNote message={integration.lastError} at={integration.lastErrorAt} />
        ) : null}

        {isLinked ? (
          <div className="flex flex-col items-start gap-4 border-t border-slate-100 pt-5 sm:flex-row sm:justify-between">
            <SyncControl integration={integration} onError={onError} />
            <DisconnectButton onNotice={onNotice} />
          </div>
        ) : null}
      </div>
    </section>
  );
}
