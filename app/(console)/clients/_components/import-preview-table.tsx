"use client";

import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { Badge, type BadgeTone } from "@/lib/ui/badge";
import { formatPhone } from "@/lib/ui/format-phone";
import { describeImportReason } from "@/app/(console)/clients/_components/import-reason";
import type { ImportPlan } from "@/app/(console)/clients/_components/import-types";

const SHOWN = 200;
const tones: Record<"create" | "update" | "reject", BadgeTone> = {
  create: "success",
  update: "brand",
  reject: "danger",
};

export function ImportPreviewTable({ plan }: { plan: ImportPlan }) {
  const { t } = useI18n();
  const [isRejectsOnly, setRejectsOnly] = useState(plan.counts.reject > 0);
  const rows = isRejectsOnly ? plan.rows.filter((r) => r.action === "reject") : plan.rows;
  return (
    <div className="space-y-2">
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          checked={isRejectsOnly}
          onChange={(e) => setRejectsOnly(e.target.checked)}
          className="size-4 rounded border-slate-300"
        />
        {t("clients.import.rejectsOnly")}
      </label>
      <div className="max-h-72 overflow-auto rounded-md border border-slate-200">
        <table className="min-w-full text-xs" data-testid="import-preview">
          <thead className="sticky top-0 bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-2 py-2">
                {t("clients.import.line")}
              </th>
              <th scope="col" className="px-2 py-2">
                {t("clients.field.name")}
              </th>
              <th scope="col" className="px-2 py-2">
                {t("clients.field.phones")}
              </th>
              <th scope="col" className="px-2 py-2">
                {t("clients.import.result")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.slice(0, SHOWN).map((row) => (
              <tr key={row.line} data-testid="import-row" data-action={row.action}>
                <td className="px-2 py-1.5 text-slate-500 tabular-nums">{row.line}</td>
                <td className="px-2 py-1.5 text-slate-900">{row.name || row.clientName || "—"}</td>
                <td className="px-2 py-1.5 tabular-nums">
                  {row.phones.map(formatPhone).join(", ")}
                </td>
                <td className="px-2 py-1.5">
                  <Badge tone={tones[row.action]}>{t(`clients.import.action.${row.action}`)}</Badge>
                  {row.action === "update" && row.clientName ? (
                    <span className="ml-1 text-slate-600">{row.clientName}</span>
                  ) : null}
                  {row.reasons.map((reason, i) => (
                    <p key={i} className="mt-0.5 text-red-700" data-testid="import-reason">
                      {describeImportReason(t, reason)}
                    </p>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > SHOWN ? (
        <p className="text-xs text-slate-500">
          {t("clients.import.moreRows", { count: rows.length - SHOWN })}
        </p>
      ) : null}
    </div>
  );
}
