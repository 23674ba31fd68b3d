"use client";

import type { Ref } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { Icon } from "@/lib/ui/icon";
import { TextField } from "@/lib/ui/text-field";

type AdvancedFieldsProps = {
  ref: Ref<HTMLDetailsElement>;
  apiUrl: string;
  oauthUrl: string;
  errors: { apiUrl?: string; oauthUrl?: string };
  onChange: (field: "apiUrl" | "oauthUrl", value: string) => void;
};

// MTT's addresses: fixed for real customers, changed for the simulator or a future endpoint.
export function AdvancedFields({ ref, apiUrl, oauthUrl, errors, onChange }: AdvancedFieldsProps) {
  const { t } = useI18n();
  return (
    <details ref={ref} className="group rounded-md border border-slate-200">
      <summary
        className="flex items-center gap-2 px-3 py-2 text-sm font-medium text-slate-700 select-none hover:bg-slate-50"
        data-testid="credentials-advanced"
      >
        <Icon
          name="chevronDown"
          className="size-4 -rotate-90 transition-transform group-open:rotate-0"
        />
        {t("telephony.advanced")}
      </summary>
      <div className="space-y-4 border-t border-slate-200 px-3 py-4">
        <p className="text-xs text-slate-500">{t("telephony.advancedHint")}</p>
        <TextField
          label={t("telephony.apiUrl")}
          name="apiUrl"
          type="url"
          autoComplete="off"
          spellCheck={false}
          value={apiUrl}
          onChange={(event) => onChange("apiUrl", event.target.value)}
          error={errors.apiUrl}
          data-testid="api-url"
        />
        <TextField
          label={t("telephony.oauthUrl")}
          name="oauthUrl"
          type="url"
          autoComplete="off"
          spellCheck={false}
          value={oauthUrl}
          onChange={(event) => onChange("oauthUrl", event.target.value)}
          error={errors.oauthUrl}
          data-testid="oauth-url"
        />
      </div>
    </details>
  );
}
