"use client";

import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { buttonClass } from "@/lib/ui/button-styles";
import { cn } from "@/lib/ui/cn";
import { inputClass } from "@/lib/ui/input-styles";
import type { useReportState } from "@/app/(console)/reports/_components/use-report-state";

type Props = { controls: ReturnType<typeof useReportState>; className?: string };

/** Open, save and delete named filter sets (kept in this browser). */
export function SavedViews({ controls, className }: Props) {
  const { t } = useI18n();
  const { views, saveView, deleteView, openView } = controls;
  const [viewName, setViewName] = useState("");
  return (
    // A container query: side by side when its column is wide, stacked when it is narrow.
    <div className={cn("@container min-w-0 space-y-2", className)}>
      <div className="grid gap-2 @lg:grid-cols-2">
        <label className="min-w-0 text-xs font-medium text-slate-600">
          {t("reports.savedViews")}
          <select
            data-testid="saved-views"
            value=""
            disabled={views.length === 0}
            onChange={(e) => openView(e.target.value)}
            className={inputClass(false, "mt-1 h-9 w-full")}
          >
            <option value="">{t("reports.savedViewPick")}</option>
            {views.map((v) => (
              <option key={v.name} value={v.name}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <form
          className="flex min-w-0 items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!viewName.trim()) return;
            saveView(viewName);
            setViewName("");
          }}
        >
          <label className="min-w-0 flex-1 text-xs font-medium text-slate-600">
            {t("reports.viewName")}
            <input
              value={viewName}
              maxLength={60}
              onChange={(e) => setViewName(e.target.value)}
              className={inputClass(false, "mt-1 h-9 w-full")}
            />
          </label>
          <button type="submit" className={buttonClass("secondary", "sm", "h-9")}>
            {t("reports.saveView")}
          </button>
        </form>
      </div>
      {views.length > 0 ? (
        <ul className="flex flex-wrap gap-1">
          {views.map((v) => (
            <li key={v.name}>
              <button
                type="button"
                onClick={() => deleteView(v.name)}
                className={buttonClass("ghost", "sm")}
                aria-label={`${t("reports.deleteView")}: ${v.name}`}
              >
                {v.name} ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
