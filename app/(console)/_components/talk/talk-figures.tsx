"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { formatDuration } from "@/lib/ui/format-duration";
import type { TalkReady } from "@/app/(console)/_components/talk/types";

type Figure = { key: string; label: string; value: string; hint: string };

/** The computed figures of one call, each with its definition on hover and for screen readers. */
export function TalkFigures({ talk }: { talk: TalkReady }) {
  const { t, locale } = useI18n();
  const seconds = (sec: number | null) => {
    if (sec === null) return t("common.none");
    if (sec >= 60) return formatDuration(sec);
    const value = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(sec);
    return t("talk.seconds", { value });
  };
  const percent = (share: number | null) =>
    share === null
      ? t("common.none")
      : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(share);
  const isStereo = talk.channels === 2;
  const common: Figure[] = [
    {
      key: "speech",
      label: t("talk.speech"),
      value: seconds(talk.speechSec),
      hint: t("talk.speechHint"),
    },
    {
      key: "silence",
      label: t("talk.silence"),
      value: seconds(talk.silenceSec),
      hint: t("talk.silenceHint"),
    },
    {
      key: "longestSilence",
      label: t("talk.longestSilence"),
      value: seconds(talk.longestSilenceSec),
      hint: t("talk.longestSilenceHint"),
    },
  ];
  const party: Figure[] = isStereo
    ? [
        {
          key: "managerTalk",
          label: t("talk.managerTalk"),
          value: seconds(talk.managerTalkSec),
          hint: t("talk.partyTalkHint"),
        },
        {
          key: "clientTalk",
          label: t("talk.clientTalk"),
          value: seconds(talk.clientTalkSec),
          hint: t("talk.partyTalkHint"),
        },
        {
          key: "talkRatio",
          label: t("talk.ratio"),
          value: percent(talk.talkRatio),
          hint: t("talk.ratioHint"),
        },
        {
          key: "overlaps",
          label: t("talk.overlaps"),
          value: `${talk.overlapCount ?? 0} · ${seconds(talk.overlapSec)}`,
          hint: t("talk.overlapsHint"),
        },
        {
          key: "interruptions",
          label: t("talk.interruptions"),
          value: String(talk.managerInterruptions ?? 0),
          hint: t("talk.interruptionsHint"),
        },
        {
          key: "firstWords",
          label: t("talk.firstWords"),
          value: seconds(talk.firstWordsSec),
          hint: t("talk.firstWordsHint"),
        },
        {
          key: "monologue",
          label: t("talk.monologue"),
          value:
            seconds(talk.longestMonologueSec) +
            (talk.longestMonologueParty
              ? ` · ${t(`talk.party.${talk.longestMonologueParty}`)}`
              : ""),
          hint: t("talk.monologueHint"),
        },
      ]
    : [];
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-3" data-testid="talk-figures">
      {[...party, ...common].map((figure) => (
        <div key={figure.key} data-testid={`talk-figure-${figure.key}`} title={figure.hint}>
          <dt className="text-xs text-slate-500">{figure.label}</dt>
          <dd className="text-sm font-medium text-slate-900 tabular-nums">{figure.value}</dd>
          <dd className="sr-only">{figure.hint}</dd>
        </div>
      ))}
    </dl>
  );
}
