"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { Badge } from "@/lib/ui/badge";
import { formatRate, formatScore } from "@/app/(console)/quality/_components/quality-format";
import type { QualityReport } from "@/app/(console)/quality/_components/types";
import type { QualityDrill } from "@/app/(console)/reports/_components/quality/quality-drill-dialog";

const cellButton =
  "text-brand-700 tabular-nums hover:underline disabled:text-slate-400 disabled:no-underline";

/** Per manager and per criterion; every figure opens the evaluations behind it. */
export function QualityTables({
  report,
  onDrill,
}: {
  report: QualityReport;
  onDrill: (drill: QualityDrill) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <section
        className="overflow-x-auto rounded-xl border border-slate-200 bg-white"
        data-testid="quality-managers"
      >
        <table className="w-full text-sm">
          <caption className="px-4 pt-3 text-left text-sm font-semibold text-slate-900">
            {t("quality.report.byManager")}
          </caption>
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="px-4 py-2 font-medium">{t("quality.queue.colManager")}</th>
              <th className="px-4 py-2 text-right font-medium">
                {t("quality.report.evaluations")}
              </th>
              <th className="px-4 py-2 text-right font-medium">{t("quality.report.avgScore")}</th>
              <th className="px-4 py-2 text-right font-medium">{t("quality.report.passRate")}</th>
              <th className="px-4 py-2 text-right font-medium">
                {t("quality.report.criticalFailures")}
              </th>
              <th className="px-4 py-2 text-right font-medium">{t("quality.report.disputes")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {report.managers.map((m) => {
              const label = m.name ?? t("reports.unassigned");
              const drill = (only: QualityDrill["only"]) =>
                onDrill({ managerId: m.managerId ?? undefined, only, title: label });
              return (
                <tr key={m.managerId ?? "none"} data-testid="quality-manager-row">
                  <td className="px-4 py-2">{label}</td>
                  <td className="px-4 py-2 text-right">
                    <button type="button" className={cellButton} onClick={() => drill("all")}>
                      {m.evaluations}
                    </button>
                  </td>
                  <td
                    className="px-4 py-2 text-right tabular-nums"
                    data-testid="quality-manager-score"
                  >
                    {formatScore(m.avgScore)}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatRate(m.passRate)}</td>
                  <td className="px-4 py-2 text-right">
                    <button
                      type="button"
                      className={cellButton}
                      disabled={m.criticalFailures === 0}
                      onClick={() => drill("critical")}
                    >
                      {m.criticalFailures}
                    </button>
                  </td>
                  <td className="px-4 py-2 text-right">
                    <button
                      type="button"
                      className={cellButton}
                      disabled={m.disputes.raised === 0}
                      onClick={() => drill("disputed")}
                    >
                      {m.disputes.raised}
                    </button>
                    {m.disputes.open > 0 ? (
                      <span className="ml-1">
                        <Badge tone="warning">
                          {t("quality.report.openCount", { count: m.disputes.open })}
                        </Badge>
                      </span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section
        className="overflow-x-auto rounded-xl border border-slate-200 bg-white"
        data-testid="quality-criteria"
      >
        <table className="w-full text-sm">
          <caption className="px-4 pt-3 text-left text-sm font-semibold text-slate-900">
            {t("quality.report.byCriterion")}
          </caption>
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="px-4 py-2 font-medium">{t("quality.calibration.criterion")}</th>
              <th className="px-4 py-2 text-right font-medium">{t("quality.report.applicable")}</th>
              <th className="px-4 py-2 text-right font-medium">{t("quality.report.passRate")}</th>
              <th className="px-4 py-2 text-right font-medium">
                {t("quality.report.failedCount")}
              </th>
              <th className="px-4 py-2 text-right font-medium">
                {t("quality.report.criticalFailures")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {report.criteria.map((c) => (
              <tr key={c.criterionId} data-testid="quality-criterion-row">
                <td className="px-4 py-2">
                  {c.title}{" "}
                  {c.isCritical ? <Badge tone="warning">{t("quality.critical")}</Badge> : null}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{c.applicable}</td>
                <td className="px-4 py-2 text-right tabular-nums">{formatRate(c.passRate)}</td>
                <td className="px-4 py-2 text-right">
                  <button
                    type="button"
                    className={cellButton}
                    disabled={c.applicable - c.passed === 0}
                    onClick={() =>
                      onDrill({ criterionId: c.criterionId, only: "failed", title: c.title })
                    }
                  >
                    {c.applicable - c.passed}
                  </button>
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{c.criticalFailures}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
