"use client";

import { useQuery } from "@tanstack/react-query";
import { isTransferable } from "@/app/(console)/_components/call-actions/is-transferable";
import { TransferDialog } from "@/app/(console)/_components/call-actions/transfer-dialog";
import Link from "next/link";
import { useEffect, useId, type Ref } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import type { LiveCall } from "@/lib/realtime/events";
import { useTRPC } from "@/lib/trpc/react";
import { describeError } from "@/lib/ui/app-error";
import { Badge } from "@/lib/ui/badge";
import { formatPhone } from "@/lib/ui/format-phone";
import { Icon } from "@/lib/ui/icon";
import { Skeleton } from "@/lib/ui/skeleton";
import { ScreenPopClient } from "@/app/(console)/_components/screen-pop-client";
import { ScreenPopCreate } from "@/app/(console)/_components/screen-pop-create";

type ScreenPopCardProps = {
  ref: Ref<HTMLDivElement>;
  call: LiveCall;
  userId: string;
  onDismiss: () => void;
  onEngaged: () => void;
};

function callerNumber(call: LiveCall): string {
  return call.direction === "OUT" ? call.toNumber : call.fromNumber;
}

function dialedNumber(call: LiveCall): string {
  return (
    call.numberLabel ?? formatPhone(call.direction === "OUT" ? call.fromNumber : call.toNumber)
  );
}

export function ScreenPopCard({ ref, call, userId, onDismiss, onEngaged }: ScreenPopCardProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const titleId = useId();
  const bodyId = useId();
  const card = useQuery(trpc.calls.clientCard.queryOptions({ callId: call.id }));
  const client = card.data?.client ?? null;
  // Someone (here or elsewhere) created the caller's client: show the card instead of the form.
  const linkedClientId = call.client?.id ?? null;
  const refetchCard = card.refetch;
  useEffect(() => {
    if (linkedClientId) void refetchCard();
  }, [linkedClientId, refetchCard]);

  return (
    <div
      ref={ref}
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      tabIndex={-1}
      data-testid="screen-pop"
      data-call-id={call.id}
      className="border-brand-200 ring-brand-100 fixed top-16 right-4 z-50 w-[calc(100%-2rem)] max-w-sm rounded-xl border bg-white shadow-2xl ring-4 sm:w-96"
    >
      <div className="flex items-start gap-3 border-b border-slate-100 px-4 py-3">
        <span className="bg-brand-600 flex size-9 shrink-0 animate-pulse items-center justify-center rounded-full text-white">
          <Icon name="phoneIncoming" className="size-5" />
        </span>
        <div className="min-w-0 flex-1">
          <p id={titleId} className="text-brand-700 text-xs font-semibold tracking-wide uppercase">
            {t("screenPop.title")}
          </p>
          <p
            className="truncate text-lg font-semibold text-slate-900"
            data-testid="screen-pop-caller"
          >
            {client?.name ?? call.client?.name ?? formatPhone(callerNumber(call))}
          </p>
          <p className="text-xs text-slate-600">
            {t("screenPop.toNumber", { number: dialedNumber(call) })}
          </p>
        </div>
        <button
          type="button"
          onClick={onDismiss}
          aria-label={t("screenPop.dismiss")}
          data-testid="screen-pop-dismiss"
          className="rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
        >
          <Icon name="close" className="size-4" />
        </button>
      </div>
      <div id={bodyId} className="max-h-[60vh] overflow-y-auto px-4 py-3 text-sm">
        {card.isPending ? (
          <div className="space-y-2" role="status" aria-label={t("common.loading")}>
            <Skeleton className="h-4 w-48" />
            <Skeleton className="h-3 w-32" />
          </div>
        ) : null}
        {card.isError ? (
          <p className="text-red-700" role="alert">
            {t("screenPop.loadFailed")} {describeError(t, card.error)}
          </p>
        ) : null}
        {card.data && !client ? (
          <>
            <p className="text-slate-600" data-testid="screen-pop-unknown">
              {t("screenPop.notInClients")}
            </p>
            <ScreenPopCreate
              call={call}
              phone={callerNumber(call)}
              userId={userId}
              onEngaged={onEngaged}
            />
          </>
        ) : null}
        {card.data && client ? (
          <>
            <ScreenPopClient
              client={client}
              recentCalls={card.data.recentCalls}
              number={formatPhone(callerNumber(call))}
            />
            <Link
              href={`/clients/${client.id}`}
              className="text-brand-700 mt-3 inline-block text-sm font-medium hover:underline"
              data-testid="screen-pop-open-client"
            >
              {t("screenPop.create.open")}
            </Link>
          </>
        ) : null}
        {call.client?.isVip && !client ? (
          <div className="mt-2">
            <Badge tone="warning">{t("live.vip")}</Badge>
          </div>
        ) : null}
        {isTransferable(call) ? (
          <div className="mt-3 border-t border-slate-100 pt-3">
            <TransferDialog callId={call.id} currentWorkplaceId={call.workplace?.id} />
          </div>
        ) : null}
      </div>
    </div>
  );
}
