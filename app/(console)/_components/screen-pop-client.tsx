"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { formatDateTime } from "@/lib/i18n/translate";
import type { AppRouter } from "@/server/api/root";
import { Badge } from "@/lib/ui/badge";
import { formatDuration } from "@/lib/ui/format-duration";
import { formatPhone } from "@/lib/ui/format-phone";

type ClientCard = inferRouterOutputs<AppRouter>["calls"]["clientCard"];
type ScreenPopClientProps = {
  client: NonNullable<ClientCard["client"]>;
  recentCalls: ClientCard["recentCalls"];
  number: string;
};

export function ScreenPopClient({ client, recentCalls, number }: ScreenPopClientProps) {
  const { t, locale } = useI18n();
  return (
    <div className="space-y-3" data-testid="screen-pop-client">
      <div>
        <p className="flex flex-wrap items-center gap-2">
          {client.company ? (
            <span className="font-medium text-slate-800">{client.company}</span>
          ) : null}
          {client.isVip ? <Badge tone="warning">{t("live.vip")}</Badge> : null}
        </p>
        <p className="text-slate-600 tabular-nums" data-testid="screen-pop-number">
          {number}
        </p>
        {client.personalManager ? (
          <p className="mt-1 text-slate-700">
            {t("screenPop.personalManager", { name: client.personalManager.name })}
          </p>
        ) : null}
      </div>
      {client.phones.length > 0 ? (
        <section>
          <h3 className="text-xs font-medium text-slate-500">{t("screenPop.phones")}</h3>
          <ul className="text-slate-800">
            {client.phones.map((phone) => (
              <li key={phone.e164} className="tabular-nums">
                {formatPhone(phone.e164)}
                {phone.label ? <span className="ml-1 text-slate-500">· {phone.label}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {client.tags.length > 0 ? (
        <section>
          <h3 className="sr-only">{t("screenPop.tags")}</h3>
          <p className="flex flex-wrap gap-1">
            {client.tags.map((tag) => (
              <Badge key={tag} tone="brand">
                {tag}
              </Badge>
            ))}
          </p>
        </section>
      ) : null}
      {client.notes ? (
        <section>
          <h3 className="text-xs font-medium text-slate-500">{t("screenPop.notes")}</h3>
          <p className="whitespace-pre-line text-slate-800">{client.notes}</p>
        </section>
      ) : null}
      <section>
        <h3 className="text-xs font-medium text-slate-500">{t("screenPop.recentCalls")}</h3>
        {recentCalls.length === 0 ? (
          <p className="text-slate-600">{t("screenPop.noRecentCalls")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {recentCalls.map((recent) => (
              <li key={recent.id} className="flex items-center gap-2 py-1 text-xs">
                <span className="flex-1 text-slate-700">
                  {formatDateTime(locale, recent.startedAt)}
                  {recent.manager ? ` · ${recent.manager.name}` : ""}
                </span>
                <span className="text-slate-600">
                  {t(`screenPop.result.${recent.result ?? "none"}`)}
                </span>
                <span className="w-12 text-right tabular-nums">
                  {formatDuration(recent.talkSec ?? 0)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
