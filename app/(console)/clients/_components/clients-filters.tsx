"use client";

import { useQuery } from "@tanstack/react-query";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { inputClass } from "@/lib/ui/input-styles";

export type ClientFilters = { query: string; managerId: string; tag: string; vip: "" | "1" | "0" };

type ClientsFiltersProps = { filters: ClientFilters; onChange: (filters: ClientFilters) => void };

export function ClientsFilters({ filters, onChange }: ClientsFiltersProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const managers = useQuery(trpc.clients.managers.queryOptions());
  const tags = useQuery(trpc.clients.tags.queryOptions());
  const set = (patch: Partial<ClientFilters>) => onChange({ ...filters, ...patch });
  return (
    <div className="flex flex-wrap items-end gap-3" role="search">
      <div className="min-w-56 flex-1">
        <label htmlFor="clients-search" className="mb-1 block text-sm font-medium text-slate-800">
          {t("clients.search")}
        </label>
        <input
          id="clients-search"
          type="search"
          value={filters.query}
          onChange={(e) => set({ query: e.target.value })}
          placeholder={t("clients.searchPlaceholder")}
          maxLength={100}
          className={inputClass(false)}
          data-testid="clients-search"
        />
      </div>
      <div className="w-48">
        <label htmlFor="clients-manager" className="mb-1 block text-sm font-medium text-slate-800">
          {t("clients.field.manager")}
        </label>
        <select
          id="clients-manager"
          value={filters.managerId}
          onChange={(e) => set({ managerId: e.target.value })}
          className={inputClass(false)}
          data-testid="clients-filter-manager"
        >
          <option value="">{t("clients.filter.anyManager")}</option>
          <option value="none">{t("clients.noManager")}</option>
          {managers.data?.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <div className="w-40">
        <label htmlFor="clients-tag" className="mb-1 block text-sm font-medium text-slate-800">
          {t("clients.field.tag")}
        </label>
        <select
          id="clients-tag"
          value={filters.tag}
          onChange={(e) => set({ tag: e.target.value })}
          className={inputClass(false)}
          data-testid="clients-filter-tag"
        >
          <option value="">{t("clients.filter.anyTag")}</option>
          {tags.data?.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </div>
      <div className="w-36">
        <label htmlFor="clients-vip" className="mb-1 block text-sm font-medium text-slate-800">
          {t("clients.field.vip")}
        </label>
        <select
          id="clients-vip"
          value={filters.vip}
          onChange={(e) =>
            set({ vip: e.target.value === "1" ? "1" : e.target.value === "0" ? "0" : "" })
          }
          className={inputClass(false)}
          data-testid="clients-filter-vip"
        >
          <option value="">{t("clients.filter.anyVip")}</option>
          <option value="1">{t("clients.filter.vipOnly")}</option>
          <option value="0">{t("clients.filter.notVip")}</option>
        </select>
      </div>
    </div>
  );
}
