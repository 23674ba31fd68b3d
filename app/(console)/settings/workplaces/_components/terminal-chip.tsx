"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { cn } from "@/lib/ui/cn";
import { Icon, type IconName } from "@/lib/ui/icon";
import type { WorkplaceRow } from "@/app/(console)/settings/workplaces/_components/types";

type Terminal = WorkplaceRow["terminals"][number];

const icons: Record<Terminal["kind"], IconName> = {
  SIP: "calls",
  APP: "monitor",
  MOBILE: "smartphone",
  FORWARD: "forward",
  OTHER: "plug",
};

export function TerminalChip({ terminal }: { terminal: Terminal }) {
  const { t } = useI18n();
  const kind = t(`workplaces.terminalKind.${terminal.kind}`);
  const name = terminal.label || terminal.address || kind;
  const details = [kind, terminal.address].filter(Boolean).join(": ");
  return (
    <span
      title={details}
      data-testid="terminal-chip"
      data-kind={terminal.kind}
      className={cn(
        "inline-flex max-w-full items-center gap-1 rounded-md px-1.5 py-0.5 text-xs ring-1 ring-inset",
        terminal.archivedAt
          ? "bg-slate-50 text-slate-400 line-through ring-slate-200"
          : "bg-slate-100 text-slate-700 ring-slate-200",
      )}
    >
      <Icon name={icons[terminal.kind]} className="size-3.5 text-slate-500" />
      <span className="sr-only">{kind}: </span>
      <span className="truncate">{name}</span>
    </span>
  );
}
