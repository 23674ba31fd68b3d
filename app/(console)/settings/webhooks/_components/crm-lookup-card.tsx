"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { saveCrmLookupInput, WEBHOOK_URL_MAX } from "@/lib/schemas/webhooks";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError, getFieldErrors } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import type { Notice } from "@/lib/ui/notice-region";
import { TextField } from "@/lib/ui/text-field";
import { webhookFieldError } from "@/app/(console)/settings/webhooks/_components/endpoint-dialog";
import { SecretDialog } from "@/app/(console)/settings/webhooks/_components/secret-dialog";

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

export function CrmLookupCard({ onNotice }: { onNotice: (notice: Notice) => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const lookup = useQuery(trpc.webhooks.crmLookup.queryOptions());
  const save = useMutation(trpc.webhooks.saveCrmLookup.mutationOptions());
  const rotate = useMutation(trpc.webhooks.rotateCrmLookupSecret.mutationOptions());
  const [error, setError] = useState<string | undefined>();
  const [secret, setSecret] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = saveCrmLookupInput.safeParse({ url: text(form, "url") });
    if (!parsed.success) return setError(webhookFieldError(t, parsed.error.issues[0]?.message));
    setError(undefined);
    save.mutate(parsed.data, {
      onSuccess: (data) => {
        if (data.secret) setSecret(data.secret);
        onNotice({ tone: "success", text: t("crm.saved") });
        void queryClient.invalidateQueries({ queryKey: trpc.webhooks.crmLookup.queryKey() });
      },
      onError: (e) => setError(webhookFieldError(t, getFieldErrors(e).url?.[0])),
    });
  }

  return (
    <section
      aria-labelledby="crm-lookup-heading"
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
      data-testid="crm-lookup"
    >
      <h2 id="crm-lookup-heading" className="text-base font-semibold text-slate-900">
        {t("crm.title")}
      </h2>
      <p className="max-w-2xl text-sm text-slate-600">{t("crm.description")}</p>
      {lookup.isError ? <Alert>{describeError(t, lookup.error)}</Alert> : null}
      {save.error && !error ? <Alert>{describeError(t, save.error)}</Alert> : null}
      {lookup.isSuccess ? (
        <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-2">
          <TextField
            className="min-w-64 flex-1"
            label={t("crm.fieldUrl")}
            name="url"
            type="url"
            maxLength={WEBHOOK_URL_MAX}
            defaultValue={lookup.data?.url ?? ""}
            placeholder="https://crm.example.com/pult/route"
            hint={lookup.data ? undefined : t("crm.notSet")}
            error={error}
            data-testid="crm-lookup-url"
          />
          <button
            type="submit"
            disabled={save.isPending}
            className={buttonClass("primary")}
            data-testid="crm-lookup-save"
          >
            {t("crm.save")}
          </button>
          {lookup.data ? (
            <button
              type="button"
              disabled={rotate.isPending}
              className={buttonClass("secondary")}
              onClick={() => rotate.mutate(undefined, { onSuccess: (d) => setSecret(d.secret) })}
            >
              {t("crm.rotate")}
            </button>
          ) : null}
        </form>
      ) : null}
      <SecretDialog secret={secret} onClose={() => setSecret(null)} />
    </section>
  );
}
