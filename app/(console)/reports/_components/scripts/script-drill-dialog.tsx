"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { Badge } from "@/lib/ui/badge";
import { Dialog } from "@/lib/ui/dialog";
import { Skeleton } from "@/lib/ui/skeleton";

export type ScriptDrill = {
  scriptId: string;
  stepId: string;
  stepTitle: string;
  managerId?: string;
  managerName?: string;
};

/** The calls that missed (or violated) a step, each linking to its call page's checklist. */
export function ScriptDrillDialog({
  drill,
  period,
  onClose,
}: {
  drill: ScriptDrill | null;
  period: { from: string; to: string };
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const list = useQuery({
    ...trpc.scripts.drill.queryOptions({
      ...period,
      scriptId: drill?.scriptId ?? "00000000-0000-0000-0000-000000000000",
      stepId: drill?.stepId ?? "x",
      managerId: drill?.managerId,
      limit: 100,
    }),
    enabled: drill !== null,
  });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <Dialog
      isOpen={drill !== null}
      onClose={onClose}
      title={drill ? t("scripts.report.drillTitle", { step: drill.stepTitle }) : ""}
      description={drill?.managerName}
      closeLabel={t("common.close")}
      testId="script-drill"
    >
      {list.isPending ? (
        <Skeleton className="h-24 w-full" />
      ) : list.isError ? (
        <Alert>{t("quality.loadFailed")}</Alert>
      ) : list.data.items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("scripts.report.drillEmpty")}</p>
      ) : (
        <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto text-sm">
          {list.data.items.map((item) => (
            <li
              key={item.callId}
              className="flex flex-wrap items-center gap-2 py-2"
              data-testid="script-drill-row"
            >
              <Link
                href={`/calls/${item.callId}#call-script-heading`}
                className="text-brand-700 font-medium hover:underline"
              >
                {date.format(item.startedAt)}
              </Link>
              <span>{item.managerName ?? "—"}</span>
              <Badge tone={item.status === "VIOLATED" ? "danger" : "warning"}>
                {t(`scripts.status.${item.status}`)}
              </Badge>
              <span className="text-xs text-slate-500">
                {t(
                  `scripts.reason.${
                    (
                      [
                        "found",
                        "notFound",
                        "outsideWindow",
                        "outOfOrder",
                        "wrongParty",
                        "forbidden",
                      ] as const
                    ).find((r) => r === item.reason) ?? "notFound"
                  }`,
                )}
              </span>
            </li>
          ))}
          {list.data.total > list.data.items.length ? (
            <li className="py-2 text-xs text-slate-500">
              {t("quality.report.more", { count: list.data.total - list.data.items.length })}
            </li>
          ) : null}
        </ul>
      )}
    </Dialog>
  );
}
