"use client";

import Link from "next/link";
import type { inferRouterOutputs } from "@trpc/server";
import { useI18n } from "@/lib/i18n/i18n-provider";
import type { AppRouter } from "@/server/api/root";
import { Badge } from "@/lib/ui/badge";
import { formatPhone } from "@/lib/ui/format-phone";
import { ScrollX } from "@/lib/ui/scroll-x";

export type ClientRow = inferRouterOutputs<AppRouter>["clients"]["list"]["items"][number];

type ClientsTableProps = {
  clients: ClientRow[];
  canSelect: boolean;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: (isOn: boolean) => void;
};

export function ClientsTable({
  clients,
  canSelect,
  selected,
  onToggle,
  onToggleAll,
}: ClientsTableProps) {
  const { t } = useI18n();
  const allSelected = clients.length > 0 && clients.every((c) => selected.has(c.id));
  return (
    <ScrollX label={t("clients.title")}>
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="clients-table">
        <thead className="bg-slate-50 text-left text-xs font-medium tracking-wide text-slate-600 uppercase">
          <tr>
            {canSelect ? (
              <th scope="col" className="w-10 px-4 py-3">
                <input
                  type="checkbox"
                  checked={allSelected}
                  onChange={(e) => onToggleAll(e.target.checked)}
                  aria-label={t("clients.selectAll")}
                  className="size-4 rounded border-slate-300"
                  data-testid="clients-select-all"
                />
              </th>
            ) : null}
            <th scope="col" className="px-4 py-3">
              {t("clients.field.name")}
            </th>
            <th scope="col" className="px-4 py-3">
              {t("clients.field.phones")}
            </th>
            <th scope="col" className="hidden px-4 py-3 md:table-cell">
              {t("clients.field.manager")}
            </th>
            <th scope="col" className="hidden px-4 py-3 lg:table-cell">
              {t("clients.field.tags")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {clients.map((client) => (
            <tr
              key={client.id}
              className="hover:bg-slate-50"
              data-testid="client-row"
              data-client-id={client.id}
            >
              {canSelect ? (
                <td className="px-4 py-3">
                  <input
                    type="checkbox"
                    checked={selected.has(client.id)}
                    onChange={() => onToggle(client.id)}
                    aria-label={t("clients.select", { name: client.name })}
                    className="size-4 rounded border-slate-300"
                    data-testid="client-select"
                  />
                </td>
              ) : null}
              <td className="px-4 py-3">
                <Link
                  href={`/clients/${client.id}`}
                  className="text-brand-700 font-medium hover:underline"
                  data-testid="client-link"
                >
                  {client.name}
                </Link>
                {client.isVip ? (
                  <span className="ml-2">
                    <Badge tone="warning">{t("live.vip")}</Badge>
                  </span>
                ) : null}
                {client.company ? <p className="text-xs text-slate-600">{client.company}</p> : null}
              </td>
              <td className="px-4 py-3 text-slate-800 tabular-nums" data-testid="client-phones">
                {client.phones.length === 0 ? (
                  <span className="text-slate-400">{t("common.none")}</span>
                ) : (
                  client.phones
                    .slice(0, 2)
                    .map((p) => <div key={p.e164}>{formatPhone(p.e164)}</div>)
                )}
                {client.phones.length > 2 ? (
                  <div className="text-xs text-slate-500">
                    {t("clients.morePhones", { count: client.phones.length - 2 })}
                  </div>
                ) : null}
              </td>
              <td
                className="hidden px-4 py-3 text-slate-700 md:table-cell"
                data-testid="client-manager-cell"
              >
                {client.personalManager?.name ?? (
                  <span className="text-slate-400">{t("clients.noManager")}</span>
                )}
              </td>
              <td className="hidden px-4 py-3 lg:table-cell">
                <div className="flex flex-wrap gap-1">
                  {client.tags.map((tag) => (
                    <Badge key={tag} tone="brand">
                      {tag}
                    </Badge>
                  ))}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollX>
  );
}
