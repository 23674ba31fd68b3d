import Link from "next/link";
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/translate";
import { Badge } from "@/lib/ui/badge";
import { formatDuration } from "@/lib/ui/format-duration";
import { formatPhone } from "@/lib/ui/format-phone";
import {
  companyNumberOf,
  counterpartOf,
  formatFullTime,
} from "@/app/(console)/calls/_components/call-format";
import { Section } from "@/app/(console)/calls/[id]/_components/section";
import type { CallDetail } from "@/app/(console)/calls/[id]/_components/types";

type CallFactsProps = { call: CallDetail; t: Translate; locale: Locale };

function Fact({
  label,
  children,
  testId,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div className="flex justify-between gap-4 py-1.5">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-right font-medium text-slate-900 tabular-nums" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

export function CallFacts({ call, t, locale }: CallFactsProps) {
  const none = t("common.none");
  const time = (value: Date | null) =>
    value ? formatFullTime(locale, call.timeZone, value) : none;
  const seconds = (value: number | null) => (value === null ? none : formatDuration(value));
  const dialed = companyNumberOf(call);
  return (
    <div className="space-y-6">
      <Section id="call-parties" title={t("call.partiesHeading")} testId="call-parties">
        <div className="space-y-1" data-testid="call-client">
          <p className="text-xs font-medium text-slate-600">{t("call.client")}</p>
          {call.client ? (
            <>
              <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                {call.client.name}
                {call.client.isVip ? <Badge tone="warning">{t("call.vip")}</Badge> : null}
              </p>
              {call.client.company ? (
                <p className="text-sm text-slate-700">{call.client.company}</p>
              ) : null}
              <p className="text-sm text-slate-700 tabular-nums">
                {formatPhone(counterpartOf(call))}
              </p>
              {call.client.personalManager ? (
                <p className="text-xs text-slate-600">
                  {t("call.personalManager", { name: call.client.personalManager.name })}
                </p>
              ) : null}
              <Link
                href={`/clients/${call.client.id}`}
                className="text-brand-700 inline-block pt-1 text-sm font-medium hover:underline"
                data-testid="call-client-link"
              >
                {t("call.openClient")}
              </Link>
            </>
          ) : (
            <>
              <p className="font-medium text-slate-900 tabular-nums">
                {formatPhone(counterpartOf(call))}
              </p>
              <p className="text-sm text-slate-600">{t("call.unknownNumber")}</p>
            </>
          )}
        </div>
        <dl className="mt-4 divide-y divide-slate-100 border-t border-slate-100 text-sm">
          <Fact label={t("call.numberDialed")} testId="call-number">
            {call.numberLabel
              ? `${call.numberLabel} · ${formatPhone(dialed)}`
              : formatPhone(dialed)}
          </Fact>
          <Fact label={t("call.manager")} testId="call-manager">
            {call.manager?.name ?? none}
          </Fact>
          <Fact label={t("call.workplace")}>
            {call.workplace
              ? [call.workplace.name, call.workplace.extension].filter(Boolean).join(" · ")
              : none}
          </Fact>
          <Fact label={t("call.kind")}>
            {call.isClickToCall ? t("calls.clickToCall") : t(`live.direction.${call.direction}`)}
          </Fact>
        </dl>
      </Section>
      <Section id="call-times" title={t("call.timesHeading")} testId="call-times">
        <dl className="divide-y divide-slate-100 text-sm">
          <Fact label={t("call.started")}>{time(call.startedAt)}</Fact>
          <Fact label={t("call.ringing")}>{time(call.ringingAt)}</Fact>
          <Fact label={t("call.answered")}>{time(call.answeredAt)}</Fact>
          <Fact label={t("call.ended")} testId="call-ended">
            {call.endReported ? (
              time(call.endedAt)
            ) : (
              <span className="inline-flex flex-wrap items-center justify-end gap-2">
                {time(call.endedAt)}
                <Badge tone="warning" testId="call-end-not-reported">
                  {t("call.endNotReported")}
                </Badge>
              </span>
            )}
          </Fact>
          <Fact label={t("call.wait")} testId="call-wait">
            {seconds(call.waitSec)}
          </Fact>
          <Fact label={t("call.talk")} testId="call-talk">
            {call.endReported ? seconds(call.talkSec) : t("call.talkUnknown")}
          </Fact>
          <Fact label={t("call.total")}>{seconds(call.durationSec)}</Fact>
        </dl>
      </Section>
    </div>
  );
}
