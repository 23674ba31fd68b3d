"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { formatDateTime } from "@/lib/i18n/translate";
import { useTRPC } from "@/lib/trpc/react";
import { describeError } from "@/lib/ui/app-error";
import { Badge } from "@/lib/ui/badge";
import { buttonClass } from "@/lib/ui/button-styles";
import type { Notice } from "@/lib/ui/notice-region";
import { ConfirmDialog } from "@/app/(console)/settings/webhooks/_components/confirm-dialog";
import { DeliveryLog } from "@/app/(console)/settings/webhooks/_components/delivery-log";
import { SecretDialog } from "@/app/(console)/settings/webhooks/_components/secret-dialog";
import type { EndpointItem } from "@/app/(console)/settings/webhooks/_components/types";

type Props = {
  endpoint: EndpointItem;
  onEdit: () => void;
  onNotice: (notice: Notice) => void;
};

export function EndpointCard({ endpoint, onEdit, onNotice }: Props) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [isLogOpen, setLogOpen] = useState(false);
  const [confirm, setConfirm] = useState<"delete" | "rotate" | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
  const failed = (error: unknown) =>
    onNotice({
      tone: "error",
      text: `${t("webhooks.actionFailed")} ${describeError(t, error)}`,
    });
  const options = { onError: failed, onSettled: () => void refresh() };
  const sendTest = useMutation(trpc.webhooks.sendTest.mutationOptions(options));
  const setEnabled = useMutation(trpc.webhooks.setEnabled.mutationOptions(options));
  const rotate = useMutation(trpc.webhooks.rotateSecret.mutationOptions(options));
  const remove = useMutation(trpc.webhooks.delete.mutationOptions(options));
  const url = endpoint.url;
  const at = (value: Date | string) => formatDateTime(locale, new Date(value));

  const status = endpoint.isEnabled ? (
    endpoint.failingSince ? (
      <Badge tone="warning">{t("webhooks.statusFailing", { at: at(endpoint.failingSince) })}</Badge>
    ) : (
      <Badge tone="success">{t("webhooks.statusEnabled")}</Badge>
    )
  ) : endpoint.disabledReason === "failing" ? (
    <Badge tone="danger">{t("webhooks.statusAutoDisabled")}</Badge>
  ) : (
    <Badge>{t("webhooks.statusDisabled")}</Badge>
  );

  return (
    <article
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
      data-testid="webhook-endpoint"
      aria-label={url}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-mono text-sm break-all text-slate-900" data-testid="webhook-url">
            {url}
          </p>
          {endpoint.description ? (
            <p className="text-sm text-slate-600">{endpoint.description}</p>
          ) : null}
        </div>
        {status}
      </div>
      <ul className="flex flex-wrap gap-1" aria-label={t("webhooks.fieldEvents")}>
        {endpoint.events.map((event) => (
          <li key={event}>
            <Badge tone="brand">{event}</Badge>
          </li>
        ))}
      </ul>
      <p className="text-xs text-slate-600">
        {t("webhooks.stats", {
          succeeded: endpoint.stats.succeeded,
          failed: endpoint.stats.failed,
          pending: endpoint.stats.pending,
        })}
        {endpoint.stats.lastAttemptAt
          ? ` · ${t("webhooks.lastAttempt", { at: at(endpoint.stats.lastAttemptAt) })}`
          : ""}
      </p>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={buttonClass("secondary", "sm")}
          disabled={!endpoint.isEnabled || sendTest.isPending}
          data-testid="webhook-send-test"
          onClick={() =>
            sendTest.mutate(
              { endpointId: endpoint.id },
              {
                onSuccess: () => {
                  setLogOpen(true);
                  onNotice({ tone: "success", text: t("webhooks.testSent", { url }) });
                },
              },
            )
          }
        >
          {sendTest.isPending ? t("webhooks.working") : t("webhooks.sendTest")}
        </button>
        <button
          type="button"
          className={buttonClass("secondary", "sm")}
          aria-expanded={isLogOpen}
          data-testid="webhook-toggle-log"
          onClick={() => setLogOpen((open) => !open)}
        >
          {isLogOpen ? t("webhooks.hideLog") : t("webhooks.log")}
        </button>
        <button type="button" className={buttonClass("ghost", "sm")} onClick={onEdit}>
          {t("webhooks.edit")}
        </button>
        <button
          type="button"
          className={buttonClass("ghost", "sm")}
          disabled={setEnabled.isPending}
          data-testid="webhook-toggle-enabled"
          onClick={() =>
            setEnabled.mutate(
              { endpointId: endpoint.id, isEnabled: !endpoint.isEnabled },
              {
                onSuccess: (data) =>
                  onNotice({
                    tone: "success",
                    text: t(data.isEnabled ? "webhooks.enabled" : "webhooks.disabled", { url }),
                  }),
              },
            )
          }
        >
          {endpoint.isEnabled ? t("webhooks.disable") : t("webhooks.enable")}
        </button>
        <button
          type="button"
          className={buttonClass("ghost", "sm")}
          onClick={() => setConfirm("rotate")}
        >
          {t("webhooks.rotate")}
        </button>
        <button
          type="button"
          className={buttonClass("ghost", "sm", "text-red-700")}
          onClick={() => setConfirm("delete")}
        >
          {t("webhooks.delete")}
        </button>
      </div>
      {isLogOpen ? <DeliveryLog endpointId={endpoint.id} onNotice={onNotice} /> : null}

      <ConfirmDialog
        isOpen={confirm === "rotate"}
        title={t("webhooks.rotateTitle")}
        body={t("webhooks.rotateBody")}
        confirmLabel={t("webhooks.rotateConfirm")}
        isPending={rotate.isPending}
        onClose={() => setConfirm(null)}
        onConfirm={() =>
          rotate.mutate(
            { endpointId: endpoint.id },
            {
              onSuccess: (data) => {
                setConfirm(null);
                setSecret(data.secret);
              },
            },
          )
        }
      />
      <ConfirmDialog
        isOpen={confirm === "delete"}
        title={t("webhooks.deleteTitle", { url })}
        body={t("webhooks.deleteBody")}
        confirmLabel={t("webhooks.deleteConfirm")}
        isDanger
        isPending={remove.isPending}
        onClose={() => setConfirm(null)}
        onConfirm={() =>
          remove.mutate(
            { endpointId: endpoint.id },
            {
              onSuccess: () => {
                setConfirm(null);
                onNotice({ tone: "success", text: t("webhooks.deleted", { url }) });
              },
            },
          )
        }
      />
      <SecretDialog secret={secret} onClose={() => setSecret(null)} />
    </article>
  );
}
