"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { Spinner } from "@/lib/ui/spinner";

// The server reports the job's step; the bar only says how far along the known steps it is.
const percentByStep: Record<string, number> = { fetching: 35, saving: 75 };

export function SyncProgress({ step }: { step: string | null }) {
  const { t } = useI18n();
  const label =
    step === "fetching"
      ? t("telephony.syncStep.fetching")
      : step === "saving"
        ? t("telephony.syncStep.saving")
        : t("telephony.syncStep.queued");
  const percent = (step ? percentByStep[step] : undefined) ?? 10;
  return (
    <div className="max-w-md space-y-2" data-testid="sync-progress" data-step={step ?? "queued"}>
      <p className="flex items-center gap-2 text-sm text-slate-700">
        <Spinner className="text-brand-600" />
        {label}
      </p>
      <div
        role="progressbar"
        aria-label={t("telephony.syncing")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={label}
        className="h-1.5 overflow-hidden rounded-full bg-slate-100"
      >
        <div
          className="bg-brand-500 h-full rounded-full transition-[width] duration-500"
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  );
}
