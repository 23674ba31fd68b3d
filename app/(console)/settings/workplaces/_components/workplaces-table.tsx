"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import type {
  Notice,
  PultUser,
  WorkplaceRow as Workplace,
} from "@/app/(console)/settings/workplaces/_components/types";
import { WorkplaceRow } from "@/app/(console)/settings/workplaces/_components/workplace-row";

type WorkplacesTableProps = {
  workplaces: Workplace[];
  users: PultUser[];
  onNotice: (notice: Notice) => void;
};

const th =
  "px-3 py-3 xl:px-4 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";

export function WorkplacesTable({ workplaces, users, onNotice }: WorkplacesTableProps) {
  const { t } = useI18n();
  return (
    // Below lg the rows become stacked cards instead of a sideways-scrolling table.
    <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="w-full text-sm max-lg:block" data-testid="workplaces-table">
        <thead className="border-b border-slate-200 bg-slate-50 max-lg:hidden">
          <tr>
            <th scope="col" className={th}>
              {t("workplaces.colWorkplace")}
            </th>
            <th scope="col" className={`${th} hidden xl:table-cell`}>
              {t("workplaces.colDistribution")}
            </th>
            <th scope="col" className={th}>
              {t("workplaces.colTerminals")}
            </th>
            <th scope="col" className={th}>
              {t("workplaces.colNumbers")}
            </th>
            <th scope="col" className={th}>
              {t("workplaces.colUser")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 max-lg:block">
          {workplaces.map((workplace) => (
            <WorkplaceRow
              key={workplace.id}
              workplace={workplace}
              users={users}
              onNotice={onNotice}
            />
          ))}
          {workplaces.length === 0 ? (
            <tr className="max-lg:block">
              <td colSpan={5} className="px-4 py-6 text-center text-slate-500 max-lg:block">
                {t("workplaces.allArchived")}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
