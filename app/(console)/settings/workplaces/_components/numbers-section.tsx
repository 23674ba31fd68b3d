"use client";

import { useQuery } from "@tanstack/react-query";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { Skeleton } from "@/lib/ui/skeleton";
import { NumbersTable } from "@/app/(console)/settings/workplaces/_components/numbers-table";
import type { WorkplaceRow } from "@/app/(console)/settings/workplaces/_components/types";

type NumbersSectionProps = { workplaces: WorkplaceRow[]; isArchivedShown: boolean };

export function NumbersSection({ workplaces, isArchivedShown }: NumbersSectionProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const numbers = useQuery(trpc.directory.numbers.queryOptions());
  const all = numbers.data ?? [];
  const visible = isArchivedShown ? all : all.filter((number) => !number.archivedAt);

  return (
    <section aria-labelledby="numbers-heading" className="space-y-4">
      <div className="max-w-3xl">
        <h2 id="numbers-heading" className="text-base font-semibold text-slate-900">
          {t("workplaces.numbersTitle")}
          {numbers.data ? (
            <span className="ml-2 text-sm font-normal text-slate-500" data-testid="numbers-count">
              {t("workplaces.numbersCount", {
                count: all.filter((number) => !number.archivedAt).length,
              })}
            </span>
          ) : null}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("workplaces.numbersDescription")}</p>
      </div>
      {numbers.isPending ? (
        <div
          role="status"
          aria-label={t("common.loading")}
          className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
        >
          {[0, 1].map((row) => (
            <Skeleton key={row} className="h-5 w-full max-w-lg" />
          ))}
        </div>
      ) : null}
      {numbers.isError ? (
        <Alert testId="numbers-error">
          {t("workplaces.numbersLoadFailed")} {describeError(t, numbers.error)}
        </Alert>
      ) : null}
      {numbers.data && visible.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">
          {t("workplaces.noNumbers")}
        </p>
      ) : null}
      {visible.length > 0 ? <NumbersTable numbers={visible} workplaces={workplaces} /> : null}
    </section>
  );
}
