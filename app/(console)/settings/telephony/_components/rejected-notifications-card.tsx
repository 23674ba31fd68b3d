"use client";

import { useQuery } from "@tanstack/react-query";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { formatDateTime } from "@/lib/i18n/translate";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";

// Malformed notifications get a 400 and are kept here: the PBX will not resend them, so an
// admin needs to see what arrived and why it was refused.
export function RejectedNotificationsCard() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const rejected = useQuery(
    trpc.integration.rejectedNotifications.queryOptions(undefined, { refetchInterval: 60_000 }),
  );

  return (
    <section
      className="rounded-xl border border-slate-200 bg-white"
      aria-labelledby="rejected-title"
      data-testid="rejected-notifications"
    >
      <div className="border-b border-slate-200 px-6 py-4">
        <h3 id="rejected-title" className="text-base font-semibold text-slate-900">
          {t("telephony.rejected.title")}
        </h3>
        <p className="mt-1 text-sm text-slate-600">{t("telephony.rejected.description")}</p>
      </div>
      <div className="px-6 py-4">
        {rejected.isPending ? (
          <p className="text-sm text-slate-500">{t("common.loading")}</p>
        ) : null}
        {rejected.isError ? <Alert>{describeError(t, rejected.error)}</Alert> : null}
        {rejected.data && rejected.data.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="rejected-empty">
            {t("telephony.rejected.empty")}
          </p>
        ) : null}
        {rejected.data && rejected.data.length > 0 ? (
          <ul className="divide-y divide-slate-100">
            {rejected.data.map((item) => (
              <li key={item.id} className="py-3" data-testid="rejected-item">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="text-sm font-medium text-red-800">{item.reason}</p>
                  <time dateTime={item.receivedAt.toISOString()} className="text-xs text-slate-500">
                    {formatDateTime(locale, item.receivedAt)}
                  </time>
                </div>
                <pre className="mt-2 max-h-32 overflow-auto rounded-md bg-slate-50 p-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-700">
                  {item.excerpt}
                </pre>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
