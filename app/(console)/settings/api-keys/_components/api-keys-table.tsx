"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import type { Notice } from "@/lib/ui/notice-region";
import { useNow } from "@/lib/ui/use-now";
import { ApiKeyTableRow } from "@/app/(console)/settings/api-keys/_components/api-key-table-row";
import type { ApiKeyRow } from "@/app/(console)/settings/api-keys/_components/types";

const th = "px-4 py-3 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";

type ApiKeysTableProps = { keys: ApiKeyRow[]; onNotice: (notice: Notice) => void };

export function ApiKeysTable({ keys, onNotice }: ApiKeysTableProps) {
  const { t } = useI18n();
  const now = useNow();
  return (
    // Below md the rows become stacked cards instead of a sideways-scrolling table.
    <div className="relative overflow-x-auto">
      <table className="w-full text-sm max-md:block md:min-w-[44rem]" data-testid="api-keys-table">
        <thead className="border-b border-slate-200 bg-slate-50 max-md:hidden">
          <tr>
            <th scope="col" className={th}>
              {t("apiKeys.colName")} / {t("apiKeys.colKey")}
            </th>
            <th scope="col" className={th}>
              {t("apiKeys.colCreated")}
            </th>
            <th scope="col" className={th}>
              {t("apiKeys.colLastUsed")}
            </th>
            <th scope="col" className={th}>
              {t("apiKeys.colExpires")}
            </th>
            <th scope="col" className={th}>
              {t("apiKeys.colStatus")}
            </th>
            <th scope="col" className={`${th} text-right`}>
              <span className="sr-only">{t("apiKeys.colActions")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 max-md:block">
          {keys.map((key) => (
            <ApiKeyTableRow key={key.id} apiKey={key} now={now} onNotice={onNotice} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
