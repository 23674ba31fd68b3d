"use client";

import Link from "next/link";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { Badge } from "@/lib/ui/badge";
import { cn } from "@/lib/ui/cn";
import { formatDuration } from "@/lib/ui/format-duration";
import { formatPhone } from "@/lib/ui/format-phone";
import { Icon, type IconName } from "@/lib/ui/icon";
import { isTransferable } from "@/app/(console)/_components/call-actions/is-transferable";
import { TransferDialog } from "@/app/(console)/_components/call-actions/transfer-dialog";
import { RoutingSteps } from "@/app/(console)/routing/_components/routing-steps";
import {
  counterpartNumber,
  describeState,
  dialedLabel,
  stateTones,
} from "@/app/(console)/live/_components/call-text";
import { timerStart } from "@/app/(console)/live/_components/live-cache";
import type { LiveCall } from "@/app/(console)/live/_components/types";

const directionIcons: Record<LiveCall["direction"], IconName> = {
  IN: "phoneIncoming",
  OUT: "phoneOutgoing",
  INTERNAL: "headset",
};

type CallRowProps = { call: LiveCall; now: number; onGone: (callId: string) => void };

export function CallRow({ call, now, onGone }: CallRowProps) {
  const { t } = useI18n();
  const isEnded = call.state === "ENDED";
  const elapsedMs =
    (isEnded && call.endedAt ? call.endedAt.getTime() : now) - timerStart(call).getTime();
  const number = formatPhone(counterpartNumber(call));
  return (
    <tr
      data-testid="live-call"
      data-call-id={call.id}
      data-state={call.state}
      data-started-at={call.startedAt.toISOString()}
      aria-hidden={isEnded || undefined}
      className={cn("align-top", isEnded && "animate-fade-out")}
      onAnimationEnd={() => onGone(call.id)}
    >
      <td className="py-3 pr-2 pl-4">
        <Icon
          name={directionIcons[call.direction]}
          label={t(`live.direction.${call.direction}`)}
          className="text-slate-500"
        />
      </td>
      <td className="px-2 py-3">
        {/* Every call, live or just ended, opens its page in call history. */}
        <Link
          href={`/calls/${call.id}`}
          className="focus-visible:ring-brand-500 block rounded hover:underline focus-visible:ring-2 focus-visible:outline-none"
          data-testid="live-call-link"
        >
          {call.client ? (
            <>
              <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                <span data-testid="live-call-client">{call.client.name}</span>
                {call.client.isVip ? <Badge tone="warning">{t("live.vip")}</Badge> : null}
              </p>
              <p className="text-xs text-slate-600">
                {[call.client.company, number].filter(Boolean).join(" · ")}
              </p>
            </>
          ) : (
            <p
              className="font-medium whitespace-nowrap text-slate-900 tabular-nums"
              data-testid="live-call-number"
            >
              {number}
            </p>
          )}
        </Link>
      </td>
      <td className="px-2 py-3 text-slate-700">{dialedLabel(call)}</td>
      <td className="px-2 py-3">
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone={stateTones[call.state]} testId="live-call-state">
            {describeState(t, call)}
          </Badge>
          {call.isClickToCall ? <Badge tone="neutral">{t("live.clickToCall")}</Badge> : null}
        </div>
        {call.routing ? (
          <RoutingSteps
            t={t}
            variant="line"
            steps={call.routing.steps}
            outcome={call.routing.outcome}
            className="mt-1 text-xs text-slate-500"
            testId="live-call-routing"
          />
        ) : null}
      </td>
      <td className="px-2 py-3 text-slate-700">
        {call.manager?.name ?? call.workplace?.name ?? (
          <span className="text-slate-500">{t("live.unassigned")}</span>
        )}
        {/* Workplaces are often named after their person: don't say it twice. */}
        {call.manager && call.workplace && call.workplace.name !== call.manager.name ? (
          <p className="text-xs text-slate-500">{call.workplace.name}</p>
        ) : null}
      </td>
      <td className="py-3 pr-4 pl-2 text-right font-medium whitespace-nowrap text-slate-900 tabular-nums">
        <span data-testid="live-call-timer">{formatDuration(elapsedMs / 1000)}</span>
        {isTransferable(call) ? (
          <div className="mt-2 font-normal whitespace-normal">
            <TransferDialog callId={call.id} currentWorkplaceId={call.workplace?.id} />
          </div>
        ) : null}
      </td>
    </tr>
  );
}
