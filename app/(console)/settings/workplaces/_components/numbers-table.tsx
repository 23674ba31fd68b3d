"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { Badge } from "@/lib/ui/badge";
import { cn } from "@/lib/ui/cn";
import { formatPhone } from "@/lib/ui/format-phone";
import type {
  NumberRow,
  WorkplaceRow,
} from "@/app/(console)/settings/workplaces/_components/types";

type NumbersTableProps = { numbers: NumberRow[]; workplaces: WorkplaceRow[] };

const th = "px-4 py-3 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";
const cell = "px-4 py-3 max-lg:p-0";

export function NumbersTable({ numbers, workplaces }: NumbersTableProps) {
  const { t } = useI18n();
  const nameById = new Map(workplaces.map((workplace) => [workplace.id, workplace.name]));
  return (
    <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="w-full text-sm max-lg:block" data-testid="numbers-table">
        <thead className="border-b border-slate-200 bg-slate-50 max-lg:hidden">
          <tr>
            <th scope="col" className={th}>
              {t("workplaces.colNumber")}
            </th>
            <th scope="col" className={th}>
              {t("workplaces.colKind")}
            </th>
            <th scope="col" className={th}>
              <abbr title={t("workplaces.parkingHint")} className="no-underline">
                {t("workplaces.colParking")}
              </abbr>
            </th>
            <th scope="col" className={th}>
              {t("workplaces.colRoutedTo")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 max-lg:block">
          {numbers.map((number) => {
            const isArchived = number.archivedAt !== null;
            const targets = number.workplaceIds.map((id) => nameById.get(id)).filter(Boolean);
            return (
              <tr
                key={number.id}
                data-testid="number-row"
                data-e164={number.e164}
                className={cn(
                  "max-lg:flex max-lg:flex-wrap max-lg:items-center max-lg:gap-x-3 max-lg:gap-y-1 max-lg:px-4 max-lg:py-3",
                  isArchived && "bg-slate-50/70 text-slate-500",
                )}
              >
                <td className={cn(cell, "max-lg:w-full")}>
                  <div className="flex flex-wrap items-center gap-2">
                    <span
                      className={cn(
                        "font-medium whitespace-nowrap tabular-nums",
                        isArchived ? "text-slate-500" : "text-slate-900",
                      )}
                      data-testid="number-e164"
                    >
                      {formatPhone(number.e164)}
                    </span>
                    {isArchived ? <Badge>{t("workplaces.archived")}</Badge> : null}
                  </div>
                  {number.label ? (
                    <div className="text-xs text-slate-500">{number.label}</div>
                  ) : null}
                </td>
                <td className={cn(cell, "text-slate-700")}>
                  {t(`workplaces.numberKind.${number.kind}`)}
                </td>
                <td className={cell}>
                  {number.parking ? (
                    <Badge tone="brand" testId="number-parking">
                      {t("workplaces.parkingOn")}
                    </Badge>
                  ) : (
                    <Badge testId="number-parking">{t("workplaces.parkingOff")}</Badge>
                  )}
                </td>
                <td className={cn(cell, "text-slate-700 max-lg:w-full")}>
                  {targets.length > 0 ? (
                    targets.join(", ")
                  ) : (
                    <span className="text-slate-400">{t("common.none")}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
