"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { Icon } from "@/lib/ui/icon";

// A copy-pasteable request and the reference: enough to make the first call.
export function ApiUsage({ publicUrl, intro }: { publicUrl: string; intro: string }) {
  const { t } = useI18n();
  const example = `curl -H "Authorization: Bearer pult_…" \\\n  ${publicUrl}/api/v1/managers`;
  return (
    <div className="space-y-3 text-left">
      <p>{intro}</p>
      <pre
        className="overflow-x-auto rounded-md bg-slate-900 px-4 py-3 font-mono text-xs text-slate-100"
        data-testid="api-keys-curl"
      >
        <code>{example}</code>
      </pre>
      <a
        href="/api/v1/openapi.json"
        target="_blank"
        rel="noreferrer"
        className="text-brand-700 inline-flex items-center gap-1 text-sm font-medium hover:underline"
        data-testid="api-keys-docs"
      >
        <Icon name="link" className="size-4" />
        {t("apiKeys.docsLink")}
      </a>
    </div>
  );
}
