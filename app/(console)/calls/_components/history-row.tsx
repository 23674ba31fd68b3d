"use client";

import Link from "next/link";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { Badge } from "@/lib/ui/badge";
import { formatDuration } from "@/lib/ui/format-duration";
import { formatPhone } from "@/lib/ui/format-phone";
import { Icon } from "@/lib/ui/icon";
import {
  companyNumberOf,
  counterpartOf,
  directionIcons,
  formatCallTime,
  formatFullTime,
} from "@/app/(console)/calls/_components/call-format";
import { ResultBadge } from "@/app/(console)/calls/_components/result-badge";

export type HistoryCall = inferRouterOutputs<AppRouter>["calls"]["history"]["calls"][number];

const td = "px-3 py-3 align-top";

export function HistoryRow({ call, timeZone }: { call: HistoryCall; timeZone: string }) {
  const { t, locale } = useI18n();
  const number = formatPhone(counterpartOf(call));
  const time = formatCallTime(locale, timeZone, call.startedAt);
  return (
    // The link in the first cell stretches over the whole row: one tab stop per call.
    <tr
      data-testid="call-row"
      data-call-id={call.id}
      className="focus-within:bg-brand-50 relative hover:bg-slate-50"
    >
      <td className={`${td} pl-4 whitespace-nowrap`}>
        <Link
          href={`/calls/${call.id}`}
          aria-label={t("calls.openDetail", {
            time: formatFullTime(locale, timeZone, call.startedAt),
          })}
          className="focus-visible:after:ring-brand-500 font-medium text-slate-900 tabular-nums after:absolute after:inset-0 after:content-[''] focus-visible:outline-none focus-visible:after:ring-2 focus-visible:after:ring-inset"
          data-testid="call-row-link"
        >
          <time dateTime={call.startedAt.toISOString()}>{time}</time>
        </Link>
      </td>
      <td className={td}>
        <Icon
          name={directionIcons[call.direction]}
          label={t(`live.direction.${call.direction}`)}
          className="text-slate-500"
        />
      </td>
      <td className={td}>
        {call.client ? (
          <>
            <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
              <span data-testid="call-row-client">{call.client.name}</span>
              {call.client.isVip ? <Badge tone="warning">{t("call.vip")}</Badge> : null}
            </p>
            <p className="text-xs text-slate-600">
              {[call.client.company, number].filter(Boolean).join(" · ")}
            </p>
          </>
        ) : (
          <p
            className="font-medium whitespace-nowrap text-slate-900 tabular-nums"
            data-testid="call-row-number"
          >
            {number}
          </p>
        )}
        {call.isClickToCall ? (
          <p className="mt-1 text-xs text-slate-500">{t("calls.clickToCall")}</p>
        ) : null}
      </td>
      <td className={`${td} hidden text-slate-700 md:table-cell`}>
        {call.numberLabel ?? formatPhone(companyNumberOf(call))}
        {call.numberLabel ? (
          <p className="text-xs text-slate-500 tabular-nums">
            {formatPhone(companyNumberOf(call))}
          </p>
        ) : null}
      </td>
      <td className={`${td} text-slate-700`}>
        {call.manager?.name ?? call.workplace?.name ?? (
          <span className="text-slate-500">{t("calls.unassigned")}</span>
        )}
        {call.manager && call.workplace && call.workplace.name !== call.manager.name ? (
          <p className="text-xs text-slate-500">{call.workplace.name}</p>
        ) : null}
      </td>
      <td className={td}>
        <ResultBadge t={t} call={call} testId="call-row-result" />
      </td>
      <td className={`${td} hidden text-right text-slate-700 tabular-nums sm:table-cell`}>
        {call.waitSec === null ? t("common.none") : formatDuration(call.waitSec)}
      </td>
      <td className={`${td} text-right text-slate-900 tabular-nums`}>
        {call.talkSec ? formatDuration(call.talkSec) : t("common.none")}
      </td>
      <td className={`${td} pr-4 text-center`}>
        {call.hasRecording ? (
          <span className="inline-flex items-center" data-testid="call-row-recording">
            <span aria-hidden className="size-2.5 rounded-full bg-red-500" />
            <span className="sr-only">{t("calls.recorded")}</span>
          </span>
        ) : null}
      </td>
    </tr>
  );
}
