"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { Icon } from "@/lib/ui/icon";
import { SyncProgress } from "@/app/(console)/settings/telephony/_components/sync-progress";
import {
  syncPhase,
  watchSync,
  type SyncWatch,
} from "@/app/(console)/settings/telephony/_components/sync-phase";
import type { Integration } from "@/app/(console)/settings/telephony/_components/types";

type SyncControlProps = { integration: Integration; onError: (text: string) => void };

export function SyncControl({ integration, onError }: SyncControlProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // A sync already running when the page opens (the one started right after connecting)
  // is watched too, so its result is reported.
  const [watched, setWatched] = useState<SyncWatch | null>(() =>
    integration.sync.running ? watchSync(integration) : null,
  );
  if (watched && !watched.sawRunning && integration.sync.running) {
    // Adjusting state while rendering (React's "store info from previous renders" pattern).
    setWatched({ ...watched, sawRunning: true });
  }
  const phase = syncPhase(integration, watched);
  // Keep polling between "started" and the server reporting the job as running.
  useQuery({
    ...trpc.integration.get.queryOptions(undefined, { refetchInterval: 1_000 }),
    enabled: phase === "starting",
  });
  const sync = useMutation(trpc.integration.sync.mutationOptions());

  useEffect(() => {
    if (phase === "done")
      void queryClient.invalidateQueries({ queryKey: trpc.directory.pathKey() });
  }, [phase, queryClient, trpc]);

  function start() {
    const before = watchSync(integration);
    setWatched(null);
    sync.mutate(undefined, {
      onSuccess: () => {
        setWatched(before);
        void queryClient.invalidateQueries({ queryKey: trpc.integration.get.queryKey() });
      },
      onError: (error) => onError(describeError(t, error)),
    });
  }

  const isBusy = sync.isPending || phase === "starting" || phase === "running";
  const { counts } = integration;
  return (
    <div className="min-w-0 flex-1 space-y-3">
      <button
        type="button"
        onClick={start}
        disabled={isBusy || integration.status !== "CONNECTED"}
        aria-busy={isBusy || undefined}
        className={buttonClass("secondary")}
        data-testid="sync-button"
      >
        <Icon name="refresh" className={isBusy ? "size-4 animate-spin" : "size-4"} />
        {isBusy ? t("telephony.syncing") : t("telephony.syncNow")}
      </button>
      <div aria-live="polite" className="empty:hidden">
        {phase === "starting" || phase === "running" ? (
          <SyncProgress step={phase === "running" ? integration.sync.step : null} />
        ) : null}
        {phase === "done" ? (
          <p className="flex items-start gap-2 text-sm text-emerald-800" data-testid="sync-result">
            <Icon name="check" className="mt-0.5 size-4" />
            <span>
              {t("telephony.syncDone", {
                workplaces: t("telephony.workplacesCount", { count: counts.workplaces }),
                terminals: t("telephony.terminalsCount", { count: counts.terminals }),
                numbers: t("telephony.numbersCount", { count: counts.numbers }),
              })}{" "}
              <Link href="/settings/workplaces" className="font-medium underline">
                {t("telephony.openWorkplaces")}
              </Link>
            </span>
          </p>
        ) : null}
        {phase === "failed" ? (
          <p className="flex items-start gap-2 text-sm text-red-800" data-testid="sync-failed">
            <Icon name="alert" className="mt-0.5 size-4" />
            {t("telephony.syncFailed")}
          </p>
        ) : null}
      </div>
    </div>
  );
}
