"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { formatDateTime } from "@/lib/i18n/translate";
import { Badge } from "@/lib/ui/badge";
import { RoleSelect } from "@/app/(console)/settings/users/_components/role-select";
import { StatusBadge } from "@/app/(console)/settings/users/_components/status-badge";
import type { Notice, UserRow } from "@/app/(console)/settings/users/_components/types";
import { UserActions } from "@/app/(console)/settings/users/_components/user-actions";

type UserTableRowProps = { user: UserRow; isSelf: boolean; onNotice: (notice: Notice) => void };

export function UserTableRow({ user, isSelf, onNotice }: UserTableRowProps) {
  const { t, locale } = useI18n();
  return (
    <tr
      data-testid="user-row"
      data-email={user.email}
      className="align-middle max-md:flex max-md:flex-wrap max-md:items-center max-md:gap-x-3 max-md:gap-y-2 max-md:px-4 max-md:py-3"
    >
      <td className="px-4 py-3 max-md:w-full max-md:p-0 md:max-w-72">
        <div className="flex items-center gap-2">
          <span className="truncate font-medium text-slate-900" data-testid="user-name">
            {user.name}
          </span>
          {isSelf ? <Badge tone="brand">{t("users.you")}</Badge> : null}
        </div>
        <div className="truncate text-slate-600" data-testid="user-email">
          {user.email}
        </div>
      </td>
      <td className="px-4 py-3 max-md:p-0">
        <RoleSelect user={user} onNotice={onNotice} />
      </td>
      <td className="px-4 py-3 max-md:p-0">
        <StatusBadge status={user.status} label={t(`status.${user.status}`)} />
      </td>
      <td className="hidden px-4 py-3 text-slate-700 lg:table-cell">
        {user.workplace?.name ?? <span className="text-slate-400">{t("common.none")}</span>}
      </td>
      <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 md:table-cell">
        {user.lastLoginAt ? (
          <time dateTime={user.lastLoginAt.toISOString()}>
            {formatDateTime(locale, user.lastLoginAt)}
          </time>
        ) : (
          <span className="text-slate-400">{t("users.never")}</span>
        )}
      </td>
      <td className="px-4 py-3 text-right max-md:ml-auto max-md:p-0">
        <UserActions user={user} isSelf={isSelf} onNotice={onNotice} />
      </td>
    </tr>
  );
}
