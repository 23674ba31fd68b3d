"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";

type ArchivedToggleProps = { isOn: boolean; count: number; onChange: (isOn: boolean) => void };

export function ArchivedToggle({ isOn, count, onChange }: ArchivedToggleProps) {
  const { t } = useI18n();
  return (
    <label className="inline-flex items-center gap-2 text-sm text-slate-700 select-none">
      <input
        type="checkbox"
        checked={isOn}
        onChange={(event) => onChange(event.target.checked)}
        className="accent-brand-600 size-4 rounded border-slate-300"
        data-testid="show-archived"
      />
      {t("workplaces.showArchived", { count })}
    </label>
  );
}
