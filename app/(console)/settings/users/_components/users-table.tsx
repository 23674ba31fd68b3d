"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import type { Notice, UserRow } from "@/app/(console)/settings/users/_components/types";
import { UserTableRow } from "@/app/(console)/settings/users/_components/user-table-row";

type UsersTableProps = {
  users: UserRow[];
  currentUserId: string;
  onNotice: (notice: Notice) => void;
};

const th = "px-4 py-3 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";

export function UsersTable({ users, currentUserId, onNotice }: UsersTableProps) {
  const { t } = useI18n();
  return (
    // `relative` keeps the absolutely positioned sr-only header inside the scroll box.
    // Below md the rows become stacked cards instead of a sideways-scrolling table.
    <div className="relative overflow-x-auto">
      <table className="w-full text-sm max-md:block md:min-w-[40rem]" data-testid="users-table">
        <thead className="border-b border-slate-200 bg-slate-50 max-md:hidden">
          <tr>
            <th scope="col" className={th}>
              {t("users.colName")} / {t("users.colEmail")}
            </th>
            <th scope="col" className={th}>
              {t("users.colRole")}
            </th>
            <th scope="col" className={th}>
              {t("users.colStatus")}
            </th>
            <th scope="col" className={`${th} hidden lg:table-cell`}>
              {t("users.colWorkplace")}
            </th>
            <th scope="col" className={`${th} hidden md:table-cell`}>
              {t("users.colLastLogin")}
            </th>
            <th scope="col" className={`${th} text-right`}>
              <span className="sr-only">{t("users.colActions")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 max-md:block">
          {users.map((user) => (
            <UserTableRow
              key={user.id}
              user={user}
              isSelf={user.id === currentUserId}
              onNotice={onNotice}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
