"use client";

import { useQuery } from "@tanstack/react-query";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { formatDateTime } from "@/lib/i18n/translate";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { Skeleton } from "@/lib/ui/skeleton";

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

// Loaded only when opened: bodies can be a few KB each.
export function DeliveryDetails({ deliveryId }: { deliveryId: string }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const detail = useQuery(trpc.webhooks.delivery.queryOptions({ deliveryId }));
  if (detail.isPending) return <Skeleton className="h-24 w-full" />;
  if (detail.isError) return <Alert>{describeError(t, detail.error)}</Alert>;
  const d = detail.data;
  return (
    <div className="grid gap-3 lg:grid-cols-2" data-testid="webhook-delivery-body">
      <div>
        <h4 className="mb-1 text-xs font-semibold text-slate-700">
          {t("webhooks.requestBody")} · <span className="font-mono">{d.webhookId}</span>
        </h4>
        <pre className="max-h-72 overflow-auto rounded bg-slate-50 p-2 text-xs">
          {pretty(d.requestBody)}
        </pre>
      </div>
      <div className="space-y-3">
        <div>
          <h4 className="mb-1 text-xs font-semibold text-slate-700">
            {t("webhooks.attemptsTitle")}
          </h4>
          <ol className="space-y-0.5 text-xs text-slate-700">
            {d.attemptLog.map((a) => (
              <li key={a.at}>
                {t("webhooks.attemptLine", {
                  at: formatDateTime(locale, new Date(a.at)),
                  result: a.error ?? String(a.statusCode),
                  ms: a.latencyMs,
                })}
              </li>
            ))}
          </ol>
        </div>
        {d.responseBody ? (
          <div>
            <h4 className="mb-1 text-xs font-semibold text-slate-700">
              {t("webhooks.responseBody")}
            </h4>
            <pre className="max-h-40 overflow-auto rounded bg-slate-50 p-2 text-xs">
              {d.responseBody}
            </pre>
          </div>
        ) : null}
      </div>
    </div>
  );
}
