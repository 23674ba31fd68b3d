"use client";

import { useId } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import type { ManagerStatus } from "@/lib/realtime/events";
import { Badge } from "@/lib/ui/badge";
import { cn } from "@/lib/ui/cn";
import { Spinner } from "@/lib/ui/spinner";

type TransferTargetsProps = {
  managers: ManagerStatus[];
  isLoading: boolean;
  selected: string | null;
  onSelect: (workplaceId: string) => void;
  error: string | null;
};

const presenceTone = { AVAILABLE: "success", BREAK: "warning", OFFLINE: "neutral" } as const;

/** Colleagues as a radio list (arrow keys move between them), with presence and call status. */
export function TransferTargets({
  managers,
  isLoading,
  selected,
  onSelect,
  error,
}: TransferTargetsProps) {
  const { t } = useI18n();
  const name = useId();
  const errorId = useId();
  if (isLoading) return <Spinner className="text-slate-400" />;
  if (managers.length === 0)
    return <p className="text-sm text-slate-600">{t("callActions.noManagers")}</p>;
  return (
    <div>
      <ul
        role="radiogroup"
        aria-label={t("callActions.transferToManager")}
        aria-describedby={error ? errorId : undefined}
        className="max-h-64 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200"
      >
        {managers.map((manager) => {
          const workplace = manager.workplace;
          if (!workplace) return null;
          const isSelected = selected === workplace.id;
          return (
            <li key={manager.id}>
              <label
                className={cn(
                  "flex cursor-pointer items-center gap-3 px-3 py-2 text-sm hover:bg-slate-50",
                  isSelected && "bg-brand-50",
                )}
                data-testid="transfer-target"
              >
                <input
                  type="radio"
                  name={name}
                  value={workplace.id}
                  checked={isSelected}
                  onChange={() => onSelect(workplace.id)}
                  className="accent-brand-600"
                />
                <span className="min-w-0 flex-1">
                  <span className="block font-medium text-slate-900">{manager.name}</span>
                  {workplace.name !== manager.name ? (
                    <span className="block text-xs text-slate-500">{workplace.name}</span>
                  ) : null}
                </span>
                <Badge tone={presenceTone[manager.presence]}>
                  {t(`callActions.presence.${manager.presence}`)}
                </Badge>
                <span className="text-xs whitespace-nowrap text-slate-500">
                  {t(`callActions.activity.${manager.activity}`)}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-red-700" data-testid="transfer-target-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
