"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { cn } from "@/lib/ui/cn";
import { CallRow } from "@/app/(console)/live/_components/call-row";
import type { LiveCall } from "@/app/(console)/live/_components/types";
import { ScrollX } from "@/lib/ui/scroll-x";

type CallsTableProps = {
  calls: LiveCall[];
  now: number;
  onGone: (callId: string) => void;
  isLarge?: boolean;
};

export function CallsTable({ calls, now, onGone, isLarge = false }: CallsTableProps) {
  const { t } = useI18n();
  return (
    <ScrollX label={t("live.callsHeading")}>
      <table
        className={cn("w-full text-left", isLarge ? "text-xl" : "text-sm")}
        data-testid="live-calls"
      >
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium text-slate-600">
          <tr>
            <th scope="col" className="w-10 py-2 pr-2 pl-4">
              <span className="sr-only">{t("live.filterDirection")}</span>
            </th>
            <th scope="col" className="px-2 py-2">
              {t("live.colCaller")}
            </th>
            <th scope="col" className="px-2 py-2">
              {t("live.colNumber")}
            </th>
            <th scope="col" className="px-2 py-2">
              {t("live.colState")}
            </th>
            <th scope="col" className="px-2 py-2">
              {t("live.colManager")}
            </th>
            <th scope="col" className="py-2 pr-4 pl-2 text-right">
              {t("live.colDuration")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {calls.map((call) => (
            <CallRow key={call.id} call={call} now={now} onGone={onGone} />
          ))}
        </tbody>
      </table>
    </ScrollX>
  );
}
