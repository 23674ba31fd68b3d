"use client";

import Link from "next/link";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { buttonClass } from "@/lib/ui/button-styles";
import { EmptyState } from "@/lib/ui/empty-state";
import { Spinner } from "@/lib/ui/spinner";

type IntegrationSummary = { status: string; sync: { running: boolean } } | undefined;

// Nothing mirrored yet: say what has to happen first, and where.
export function WorkplacesEmpty({ integration }: { integration: IntegrationSummary }) {
  const { t } = useI18n();
  const isConnected = integration !== undefined && integration.status !== "NOT_CONNECTED";
  const isSyncing = integration?.sync.running ?? false;
  return (
    <EmptyState
      icon="headset"
      title={isConnected ? t("workplaces.emptySyncTitle") : t("workplaces.emptyConnectTitle")}
      testId="workplaces-empty"
    >
      <p>{isConnected ? t("workplaces.emptySyncBody") : t("workplaces.emptyConnectBody")}</p>
      {isSyncing ? (
        <p className="flex items-center justify-center gap-2 font-medium text-slate-800">
          <Spinner className="text-brand-600" />
          {t("workplaces.syncRunning")}
        </p>
      ) : (
        <Link
          href="/settings/telephony"
          className={buttonClass("primary")}
          data-testid="workplaces-open-telephony"
        >
          {t("setup.openTelephony")}
        </Link>
      )}
    </EmptyState>
  );
}
