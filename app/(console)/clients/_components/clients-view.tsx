"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { EmptyState } from "@/lib/ui/empty-state";
import { Icon } from "@/lib/ui/icon";
import { NoticeRegion, type Notice } from "@/lib/ui/notice-region";
import { PageHeader } from "@/lib/ui/page-header";
import { Skeleton } from "@/lib/ui/skeleton";
import {
  ClientsFilters,
  type ClientFilters,
} from "@/app/(console)/clients/_components/clients-filters";
import { ClientsTable } from "@/app/(console)/clients/_components/clients-table";
import { ImportDialog } from "@/app/(console)/clients/_components/import-dialog";
import { NewClientDialog } from "@/app/(console)/clients/_components/new-client-dialog";
import { ReassignDialog } from "@/app/(console)/clients/_components/reassign-dialog";
import { useDebounced } from "@/app/(console)/clients/_components/use-debounced";

type ClientsViewProps = { canManage: boolean; currentUserId: string };

function exportHref(filters: ClientFilters): string {
  const params = new URLSearchParams();
  if (filters.query.trim()) params.set("q", filters.query.trim());
  if (filters.managerId) params.set("manager", filters.managerId);
  if (filters.tag) params.set("tag", filters.tag);
  if (filters.vip) params.set("vip", filters.vip);
  const query = params.toString();
  return `/api/clients/export${query ? `?${query}` : ""}`;
}

export function ClientsView({ canManage, currentUserId }: ClientsViewProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [filters, setFilters] = useState<ClientFilters>({
    query: "",
    managerId: "",
    tag: "",
    vip: "",
  });
  const query = useDebounced(filters.query.trim(), 250);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<"new" | "import" | "reassign" | "moveAll" | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const list = useInfiniteQuery(
    trpc.clients.list.infiniteQueryOptions(
      {
        query: query || undefined,
        managerId: filters.managerId || undefined,
        tag: filters.tag || undefined,
        isVip: filters.vip === "" ? undefined : filters.vip === "1",
        limit: 50,
      },
      { getNextPageParam: (last) => last.nextCursor },
    ),
  );
  const clients = list.data?.pages.flatMap((p) => p.items) ?? [];
  const isFiltered = Boolean(query || filters.managerId || filters.tag || filters.vip);

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      <PageHeader
        title={t("clients.title")}
        description={t("clients.description")}
        actions={
          <>
            <a
              href={exportHref(filters)}
              className={buttonClass("secondary")}
              data-testid="clients-export"
              download
            >
              {t("clients.export")}
            </a>
            {canManage ? (
              <button
                type="button"
                onClick={() => setDialog("import")}
                className={buttonClass("secondary")}
                data-testid="clients-import"
              >
                {t("clients.import.open")}
              </button>
            ) : null}
            <button
              type="button"
              onClick={() => setDialog("new")}
              className={buttonClass("primary")}
              data-testid="clients-new"
            >
              <Icon name="plus" className="size-4" />
              {t("clients.new")}
            </button>
          </>
        }
      />
      <div className="space-y-4">
        <ClientsFilters
          filters={filters}
          onChange={(next) => {
            setFilters(next);
            setSelected(new Set());
          }}
        />
        <NoticeRegion notice={notice} onDismiss={() => setNotice(null)} testId="clients-notice" />
        {canManage ? (
          <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="clients-bulk-bar">
            {selected.size > 0 ? (
              <>
                <span className="font-medium text-slate-800" data-testid="clients-selected">
                  {t("clients.selected", { count: selected.size })}
                </span>
                <button
                  type="button"
                  onClick={() => setDialog("reassign")}
                  className={buttonClass("primary", "sm")}
                  data-testid="clients-reassign"
                >
                  {t("clients.reassign.open")}
                </button>
                <button
                  type="button"
                  onClick={() => setSelected(new Set())}
                  className={buttonClass("ghost", "sm")}
                >
                  {t("clients.clearSelection")}
                </button>
              </>
            ) : null}
            <button
              type="button"
              onClick={() => setDialog("moveAll")}
              className={buttonClass("secondary", "sm", "ml-auto")}
              data-testid="clients-move-all"
            >
              {t("clients.moveAll.open")}
            </button>
          </div>
        ) : null}
        <div className="overflow-hidden rounded-xl border border-slate-200 bg-white">
          {list.isPending ? (
            <div className="space-y-3 p-6" role="status" aria-label={t("common.loading")}>
              {Array.from({ length: 6 }, (_, i) => (
                <Skeleton key={i} className="h-5 w-full" />
              ))}
            </div>
          ) : null}
          {list.isError ? (
            <div className="space-y-3 p-6" data-testid="clients-error">
              <Alert>
                {t("clients.loadFailed")} {describeError(t, list.error)}
              </Alert>
              <button
                type="button"
                onClick={() => void list.refetch()}
                className={buttonClass("secondary", "sm")}
              >
                {t("common.retry")}
              </button>
            </div>
          ) : null}
          {list.isSuccess && clients.length === 0 ? (
            <EmptyState
              icon="clients"
              title={isFiltered ? t("clients.noMatchesTitle") : t("clients.emptyTitle")}
              testId="clients-empty"
            >
              <p>{isFiltered ? t("clients.noMatchesBody") : t("clients.emptyBodyActions")}</p>
            </EmptyState>
          ) : null}
          {clients.length > 0 ? (
            <ClientsTable
              clients={clients}
              canSelect={canManage}
              selected={selected}
              onToggle={toggle}
              onToggleAll={(isOn) =>
                setSelected(isOn ? new Set(clients.map((c) => c.id)) : new Set())
              }
            />
          ) : null}
        </div>
        {list.hasNextPage ? (
          <div className="flex justify-center">
            <button
              type="button"
              onClick={() => void list.fetchNextPage()}
              disabled={list.isFetchingNextPage}
              className={buttonClass("secondary")}
              data-testid="clients-more"
            >
              {list.isFetchingNextPage ? t("common.loading") : t("clients.loadMore")}
            </button>
          </div>
        ) : null}
      </div>
      <NewClientDialog
        isOpen={dialog === "new"}
        onClose={() => setDialog(null)}
        canAssign={canManage}
        currentUserId={currentUserId}
      />
      {canManage ? (
        <>
          <ImportDialog
            isOpen={dialog === "import"}
            onClose={() => setDialog(null)}
            onImported={(counts) =>
              setNotice({
                tone: "success",
                text: t("clients.import.done", { create: counts.create, update: counts.update }),
              })
            }
          />
          <ReassignDialog
            isOpen={dialog === "reassign" || dialog === "moveAll"}
            onClose={() => setDialog(null)}
            clientIds={dialog === "moveAll" ? null : [...selected]}
            onDone={(moved) => {
              setSelected(new Set());
              setNotice({ tone: "success", text: t("clients.reassign.done", { count: moved }) });
            }}
          />
        </>
      ) : null}
    </>
  );
}
