"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError, getAppErrorCode } from "@/lib/ui/app-error";
import { Badge } from "@/lib/ui/badge";
import { buttonClass } from "@/lib/ui/button-styles";
import { NoticeRegion, type Notice } from "@/lib/ui/notice-region";
import { Skeleton } from "@/lib/ui/skeleton";
import { ClientForm } from "@/app/(console)/clients/_components/client-form";
import {
  ClientAssignments,
  ClientCalls,
  ClientRecordings,
  ClientTasks,
} from "@/app/(console)/clients/_components/client-history";
import { CallButton } from "@/app/(console)/_components/call-actions/call-button";

type ClientDetailProps = { clientId: string; currentUserId: string };

export function ClientDetail({ clientId, currentUserId }: ClientDetailProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const detail = useQuery(trpc.clients.get.queryOptions({ clientId }));
  const archive = useMutation(trpc.clients.setArchived.mutationOptions());
  const [notice, setNotice] = useState<Notice | null>(null);
  // Remounts the form with fresh values after a save.
  const [formVersion, setFormVersion] = useState(0);

  if (detail.isPending) {
    return (
      <div className="space-y-3" role="status" aria-label={t("common.loading")}>
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  if (detail.isError) {
    const code = getAppErrorCode(detail.error);
    const isMissing = code === "NOT_FOUND" || code === "VALIDATION";
    return (
      <div className="space-y-3" data-testid="client-error">
        <Alert>
          {isMissing
            ? t("clients.notFound")
            : `${t("clients.loadFailed")} ${describeError(t, detail.error)}`}
        </Alert>
        <Link href="/clients" className={buttonClass("secondary", "sm")}>
          {t("clients.backToList")}
        </Link>
      </div>
    );
  }
  const { client, canEdit, canAssign } = detail.data;
  const isArchived = client.archivedAt !== null;
  return (
    <div className="space-y-4">
      <nav aria-label={t("clients.breadcrumb")} className="text-sm">
        <Link href="/clients" className="text-brand-700 hover:underline">
          ← {t("clients.title")}
        </Link>
      </nav>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1
            className="text-2xl font-semibold tracking-tight text-slate-900"
            data-testid="client-title"
          >
            {client.name}
          </h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            {client.company ? <span>{client.company}</span> : null}
            {client.isVip ? <Badge tone="warning">{t("live.vip")}</Badge> : null}
            {isArchived ? <Badge tone="neutral">{t("clients.archived")}</Badge> : null}
            <span data-testid="client-manager-name">
              {t("screenPop.personalManager", {
                name: client.personalManager?.name ?? t("clients.noManager"),
              })}
            </span>
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          {isArchived
            ? null
            : client.phones.map((phone) => (
                <CallButton key={phone.e164} phone={phone.e164} clientId={clientId} />
              ))}
          {canAssign ? (
            <button
              type="button"
              disabled={archive.isPending}
              onClick={() =>
                archive.mutate(
                  { clientId, isArchived: !isArchived },
                  {
                    onSuccess: () => {
                      void queryClient.invalidateQueries({ queryKey: trpc.clients.pathKey() });
                      setNotice({
                        tone: "success",
                        text: isArchived ? t("clients.unarchived") : t("clients.archivedDone"),
                      });
                    },
                    onError: (error) => setNotice({ tone: "error", text: describeError(t, error) }),
                  },
                )
              }
              className={buttonClass(isArchived ? "secondary" : "dangerOutline", "sm")}
              data-testid="client-archive"
            >
              {isArchived ? t("clients.unarchive") : t("clients.archive")}
            </button>
          ) : null}
        </div>
      </header>
      <NoticeRegion notice={notice} onDismiss={() => setNotice(null)} testId="client-notice" />
      <div className="grid gap-4 lg:grid-cols-5">
        <section
          className="rounded-xl border border-slate-200 bg-white p-4 lg:col-span-3"
          aria-labelledby="client-card-heading"
        >
          <h2 id="client-card-heading" className="mb-3 text-sm font-semibold text-slate-900">
            {t("clients.card")}
          </h2>
          {canEdit ? null : (
            <p className="mb-3 text-sm text-slate-600" data-testid="client-readonly">
              {t("clients.readOnly")}
            </p>
          )}
          <fieldset disabled={!canEdit} className="contents">
            <ClientForm
              key={formVersion}
              clientId={clientId}
              initial={{
                name: client.name,
                company: client.company,
                email: client.email,
                tags: client.tags,
                isVip: client.isVip,
                notes: client.notes,
                personalManagerId: client.personalManager?.id ?? null,
                phones: client.phones,
              }}
              canAssign={canAssign}
              currentUserId={currentUserId}
              onSaved={() => {
                setFormVersion((v) => v + 1);
                setNotice({ tone: "success", text: t("clients.saved") });
              }}
              testId="client-edit-form"
            />
          </fieldset>
        </section>
        <div className="space-y-4 lg:col-span-2">
          <ClientTasks tasks={detail.data.tasks} />
          <ClientAssignments assignments={detail.data.assignments} />
        </div>
      </div>
      <ClientCalls calls={detail.data.calls} total={detail.data.callCount} />
      <ClientRecordings calls={detail.data.calls} />
    </div>
  );
}
