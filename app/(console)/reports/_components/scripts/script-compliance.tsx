"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { Skeleton } from "@/lib/ui/skeleton";
import {
  ScriptDrillDialog,
  type ScriptDrill,
} from "@/app/(console)/reports/_components/scripts/script-drill-dialog";
import { ScriptComplianceCard } from "@/app/(console)/reports/_components/scripts/script-compliance-card";

/** Reports → Quality: how well calls of the period followed their scripts. */
export function ScriptCompliance({ from, to }: { from: string; to: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [drill, setDrill] = useState<ScriptDrill | null>(null);
  const report = useQuery({
    ...trpc.scripts.compliance.queryOptions({ from, to }),
    placeholderData: keepPreviousData,
  });
  return (
    <section
      className="mt-8 space-y-4"
      data-testid="script-compliance"
      aria-busy={report.isFetching}
    >
      <div>
        <h2 className="text-lg font-semibold text-slate-900">{t("scripts.report.heading")}</h2>
        <p className="text-sm text-slate-600">{t("scripts.report.description")}</p>
      </div>
      {report.isError ? (
        <Alert>
          {t("quality.loadFailed")}{" "}
          <button
            type="button"
            className="font-medium underline"
            onClick={() => void report.refetch()}
          >
            {t("common.retry")}
          </button>
        </Alert>
      ) : report.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : report.data.scripts.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="script-compliance-empty">
          {t("scripts.report.empty")}
        </p>
      ) : (
        report.data.scripts.map((script) => (
          <ScriptComplianceCard key={script.scriptId} script={script} onDrill={setDrill} />
        ))
      )}
      <ScriptDrillDialog drill={drill} period={{ from, to }} onClose={() => setDrill(null)} />
    </section>
  );
}
