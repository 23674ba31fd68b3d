"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { useI18n } from "@/lib/i18n/i18n-provider";
import type { AppRouter } from "@/server/api/root";
import { formatRate } from "@/app/(console)/quality/_components/quality-format";
import type { ScriptDrill } from "@/app/(console)/reports/_components/scripts/script-drill-dialog";

type ScriptFigures = inferRouterOutputs<AppRouter>["scripts"]["compliance"]["scripts"][number];

const cellButton =
  "text-brand-700 tabular-nums hover:underline disabled:text-slate-400 disabled:no-underline";
const th = "px-3 py-2 font-medium";

/** One script: each step's figures, compliance per manager and step, and per day. */
export function ScriptComplianceCard({
  script,
  onDrill,
}: {
  script: ScriptFigures;
  onDrill: (drill: ScriptDrill) => void;
}) {
  const { t } = useI18n();
  const drill = (stepId: string, manager?: { id: string | null; name: string }) =>
    onDrill({
      scriptId: script.scriptId,
      stepId,
      stepTitle: script.steps.find((s) => s.stepId === stepId)?.title ?? stepId,
      managerId: manager?.id ?? undefined,
      managerName: manager?.name,
    });
  return (
    <div
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-4"
      data-testid="script-compliance-card"
      data-script={script.scriptId}
    >
      <p className="text-sm">
        <span className="font-semibold text-slate-900">{script.name}</span>{" "}
        <span className="text-slate-500">
          · {t("scripts.report.calls", { count: script.calls })} · {t("scripts.report.rate")}{" "}
          {formatRate(script.total.rate)}
        </span>
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="script-steps">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className={th}>{t("scripts.report.step")}</th>
              <th className={`${th} text-right`}>{t("scripts.report.checked")}</th>
              <th className={`${th} text-right`}>{t("scripts.report.passed")}</th>
              <th className={`${th} text-right`}>{t("scripts.report.missed")}</th>
              <th className={`${th} text-right`}>{t("scripts.report.violated")}</th>
              <th className={`${th} text-right`}>{t("scripts.report.rate")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {script.steps.map((step) => (
              <tr key={step.stepId} data-testid="script-step-row" data-step={step.stepId}>
                <td className="px-3 py-2">{step.title}</td>
                <td className="px-3 py-2 text-right tabular-nums">{step.checked}</td>
                <td className="px-3 py-2 text-right tabular-nums">{step.passed}</td>
                <td className="px-3 py-2 text-right">
                  <button
                    type="button"
                    className={cellButton}
                    disabled={step.missed + step.violated === 0}
                    onClick={() => drill(step.stepId)}
                    data-testid="script-step-missed"
                  >
                    {step.missed}
                  </button>
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{step.violated}</td>
                <td className="px-3 py-2 text-right font-medium tabular-nums">
                  {formatRate(step.rate)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="script-managers">
          <caption className="pb-1 text-left text-xs font-semibold text-slate-700">
            {t("scripts.report.byManager")}
          </caption>
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className={th}>{t("scripts.report.manager")}</th>
              {script.steps.map((step) => (
                <th key={step.stepId} className={`${th} text-right`}>
                  {step.title}
                </th>
              ))}
              <th className={`${th} text-right`}>{t("scripts.report.rate")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {script.managers.map((m) => {
              const name = m.name ?? t("reports.unassigned");
              return (
                <tr key={m.managerId ?? "none"} data-testid="script-manager-row">
                  <td className="px-3 py-2">{name}</td>
                  {script.steps.map((step) => {
                    const cell = m.steps.find((s) => s.stepId === step.stepId);
                    return (
                      <td key={step.stepId} className="px-3 py-2 text-right">
                        <button
                          type="button"
                          className={cellButton}
                          disabled={!cell || cell.passed === cell.checked}
                          onClick={() => drill(step.stepId, { id: m.managerId, name })}
                        >
                          {formatRate(cell?.rate ?? null)}
                        </button>
                      </td>
                    );
                  })}
                  <td className="px-3 py-2 text-right font-medium tabular-nums">
                    {formatRate(m.rate)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div>
        <p className="pb-1 text-xs font-semibold text-slate-700">{t("scripts.report.byDay")}</p>
        <ul className="flex flex-wrap gap-2" data-testid="script-days">
          {script.days.map((day) => (
            <li
              key={day.day}
              className="rounded-md bg-slate-50 px-2 py-1 text-xs text-slate-700 tabular-nums"
            >
              {day.day}: <span className="font-medium">{formatRate(day.rate)}</span> ({day.passed}/
              {day.checked})
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
