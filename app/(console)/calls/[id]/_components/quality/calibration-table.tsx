"use client";

import { useQuery } from "@tanstack/react-query";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { cn } from "@/lib/ui/cn";
import { answerLabel, formatScore } from "@/app/(console)/quality/_components/quality-format";

/** Two or more reviewers on this call: their answers side by side, differences marked. */
export function CalibrationTable({ callId }: { callId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const calibration = useQuery(trpc.quality.calibration.queryOptions({ callId }));
  const data = calibration.data;
  if (!data || data.reviewers.length < 2) return null;
  const differing = data.rows.filter((r) => r.isDifferent).length;
  return (
    <section className="space-y-2" data-testid="calibration">
      <h3 className="text-sm font-semibold text-slate-900">{t("quality.calibration.title")}</h3>
      <p className="text-xs text-slate-500">
        {t("quality.calibration.summary", { count: differing, spread: data.scoreSpread ?? 0 })}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-xs text-slate-500">
              <th className="py-1 pr-2 font-medium">{t("quality.calibration.criterion")}</th>
              {data.reviewers.map((r) => (
                <th key={r.evaluationId} className="py-1 pr-2 font-medium">
                  {r.reviewerName ?? "—"} · {formatScore(r.score)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {data.rows.map((row) => (
              <tr
                key={row.criterionId}
                className={cn(row.isDifferent && "bg-amber-50")}
                data-testid="calibration-row"
                data-different={row.isDifferent ? "true" : "false"}
              >
                <td className="py-1 pr-2 text-slate-800">
                  {row.title}
                  {row.isDifferent ? (
                    <span className="ml-1 text-xs text-amber-800">
                      {t("quality.calibration.spread", { points: Math.round(row.spread * 100) })}
                    </span>
                  ) : null}
                </td>
                {row.values.map((value, i) => (
                  <td key={i} className="py-1 pr-2 text-slate-700">
                    {answerLabel(t, row.kind, value)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
