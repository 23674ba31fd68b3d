"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { Badge } from "@/lib/ui/badge";
import { cn } from "@/lib/ui/cn";
import { formatPhone } from "@/lib/ui/format-phone";
import { TerminalChip } from "@/app/(console)/settings/workplaces/_components/terminal-chip";
import type {
  Notice,
  PultUser,
  WorkplaceRow as Workplace,
} from "@/app/(console)/settings/workplaces/_components/types";
import { UserLinkSelect } from "@/app/(console)/settings/workplaces/_components/user-link-select";

type WorkplaceRowProps = {
  workplace: Workplace;
  users: PultUser[];
  onNotice: (notice: Notice) => void;
};

const cell = "px-3 py-3 align-top max-lg:p-0 xl:px-4";

export function WorkplaceRow({ workplace, users, onNotice }: WorkplaceRowProps) {
  const { t } = useI18n();
  const isArchived = workplace.archivedAt !== null;
  const terminals = workplace.terminals.filter((terminal) => isArchived || !terminal.archivedAt);
  const distribution = workplace.distribution ?? "OTHER";
  return (
    <tr
      data-testid="workplace-row"
      data-name={workplace.name}
      data-archived={isArchived || undefined}
      className={cn(
        "max-lg:flex max-lg:flex-col max-lg:gap-2 max-lg:px-4 max-lg:py-4",
        isArchived && "bg-slate-50/70 text-slate-500",
      )}
    >
      <td className={cn(cell, "lg:max-w-56")}>
        <div className="flex flex-wrap items-center gap-2">
          <span
            className={cn("font-medium", isArchived ? "text-slate-500" : "text-slate-900")}
            data-testid="workplace-name"
          >
            {workplace.name}
          </span>
          {isArchived ? (
            <Badge testId="workplace-archived">{t("workplaces.archived")}</Badge>
          ) : null}
        </div>
        <div className="mt-0.5 text-xs text-slate-500">
          {workplace.extension
            ? t("workplaces.extension", { extension: workplace.extension })
            : null}
          <span className="xl:hidden">
            {workplace.extension ? " · " : null}
            {t(`workplaces.distribution.${distribution}`)}
          </span>
        </div>
      </td>
      <td className={cn(cell, "hidden xl:table-cell", !isArchived && "text-slate-700")}>
        {t(`workplaces.distribution.${distribution}`)}
      </td>
      <td className={cell}>
        {terminals.length > 0 ? (
          <ul className="flex max-w-xs flex-wrap gap-1" aria-label={t("workplaces.colTerminals")}>
            {terminals.map((terminal) => (
              <li key={terminal.id}>
                <TerminalChip terminal={terminal} />
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-xs text-slate-400">{t("workplaces.noTerminals")}</span>
        )}
      </td>
      <td className={cn(cell, "whitespace-nowrap")}>
        {workplace.numbers.length > 0 ? (
          <ul className="space-y-0.5 tabular-nums" aria-label={t("workplaces.colNumbers")}>
            {workplace.numbers.map((number) => (
              <li key={number.id} title={number.label ?? undefined}>
                {formatPhone(number.e164)}
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-slate-400 max-lg:hidden">{t("common.none")}</span>
        )}
      </td>
      <td className={cell}>
        {/* Nobody can be linked to a workplace that is gone; a linked one can still be unlinked. */}
        {isArchived && !workplace.user ? (
          <span className="text-slate-400 max-lg:hidden">{t("common.none")}</span>
        ) : (
          <UserLinkSelect workplace={workplace} users={users} onNotice={onNotice} />
        )}
      </td>
    </tr>
  );
}
