"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { HistoryRow, type HistoryCall } from "@/app/(console)/calls/_components/history-row";
import { ScrollX } from "@/lib/ui/scroll-x";

const th = "px-3 py-2 text-left text-xs font-medium text-slate-600";

export function HistoryTable({ calls, timeZone }: { calls: HistoryCall[]; timeZone: string }) {
  const { t } = useI18n();
  return (
    <ScrollX label={t("calls.title")}>
      <table className="w-full min-w-[36rem] text-sm" data-testid="calls-table">
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            <th scope="col" className={`${th} pl-4`}>
              {t("calls.colTime")}
            </th>
            <th scope="col" className={`${th} w-8`}>
              <span className="sr-only">{t("calls.colDirection")}</span>
            </th>
            <th scope="col" className={th}>
              {t("calls.colClient")}
            </th>
            <th scope="col" className={`${th} hidden md:table-cell`}>
              {t("calls.colNumber")}
            </th>
            <th scope="col" className={th}>
              {t("calls.colManager")}
            </th>
            <th scope="col" className={th}>
              {t("calls.colResult")}
            </th>
            <th scope="col" className={`${th} hidden text-right sm:table-cell`}>
              {t("calls.colWait")}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {t("calls.colTalk")}
            </th>
            <th scope="col" className={`${th} pr-4 text-center`}>
              <span className="sr-only">{t("calls.colRecording")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {calls.map((call) => (
            <HistoryRow key={call.id} call={call} timeZone={timeZone} />
          ))}
        </tbody>
      </table>
    </ScrollX>
  );
}
