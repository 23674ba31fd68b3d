"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import type { Evidence } from "@/lib/scripts/schemas";
import { formatDuration } from "@/lib/ui/format-duration";
import { usePlayerLink } from "@/app/(console)/_components/recording-player/player-link";

/** A hit of a step: the words heard, who said them and when; a click plays the recording there. */
export function StepEvidence({ evidence }: { evidence: Evidence }) {
  const { t } = useI18n();
  const link = usePlayerLink();
  const atSec = evidence.startMs / 1000;
  const who = evidence.party ? t(`scripts.party.${evidence.party}`) : t("scripts.party.unknown");
  return (
    <li>
      <button
        type="button"
        onClick={() => link?.seek(atSec)}
        disabled={!link}
        className="group focus-visible:ring-brand-500 flex w-full items-baseline gap-2 rounded px-1 py-0.5 text-left text-xs hover:bg-slate-50 focus-visible:ring-2 focus-visible:outline-none"
        aria-label={t("scripts.evidence.play", { time: formatDuration(atSec) })}
        data-testid="step-evidence"
        data-at-sec={atSec}
      >
        <span className="text-brand-700 shrink-0 font-medium tabular-nums group-hover:underline">
          ▶ {formatDuration(atSec)}
        </span>
        <span className="shrink-0 text-slate-500">{who}:</span>
        <span className={evidence.isForbidden ? "text-red-800" : "text-slate-800"}>
          «{evidence.text}»
          {evidence.text.toLowerCase() !== evidence.phrase.toLowerCase() ? (
            <span className="ml-1 text-slate-500">
              {t("scripts.evidence.phrase", { phrase: evidence.phrase })}
            </span>
          ) : null}
        </span>
      </button>
    </li>
  );
}
