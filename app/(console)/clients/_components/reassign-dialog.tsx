"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError, getFieldErrors } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { Dialog } from "@/lib/ui/dialog";
import { inputClass } from "@/lib/ui/input-styles";
import { translateClientError } from "@/app/(console)/clients/_components/client-field-error";

type ReassignDialogProps = {
  isOpen: boolean;
  onClose: () => void;
  // The selected clients; null moves every client of the manager chosen in the dialog.
  clientIds: string[] | null;
  onDone: (moved: number) => void;
};

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

// A vacation ends on a day: the clients go back at the start of it, in the user's time zone.
function restoreAtOf(date: string): Date | null {
  return date ? new Date(`${date}T00:00:00`) : null;
}

export function ReassignDialog({ isOpen, onClose, clientIds, onDone }: ReassignDialogProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const managers = useQuery(trpc.clients.managers.queryOptions());
  const assign = useMutation(trpc.clients.assign.mutationOptions());
  const moveAll = useMutation(trpc.clients.moveAll.mutationOptions());
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const isBulkMove = clientIds === null;
  const mutation = isBulkMove ? moveAll : assign;

  function close() {
    setErrors({});
    assign.reset();
    moveAll.reset();
    onClose();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const to = text(form, "toManagerId");
    const restoreAt = restoreAtOf(text(form, "restoreAt"));
    if (restoreAt && restoreAt.getTime() <= Date.now()) {
      setErrors({ restoreAt: translateClientError(t, "restore_in_past") });
      return;
    }
    const options = {
      onSuccess: (result: { moved: number }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.clients.pathKey() });
        close();
        onDone(result.moved);
      },
      onError: (error: unknown) => {
        const found: Record<string, string | undefined> = {};
        for (const [key, messages] of Object.entries(getFieldErrors(error)))
          found[key] = translateClientError(t, messages[0]);
        setErrors(found);
      },
    };
    const reason = text(form, "reason") || null;
    if (isBulkMove) {
      const from = text(form, "fromManagerId");
      if (!from || !to) {
        setErrors({
          fromManagerId: from ? undefined : t("validation.required"),
          toManagerId: to ? undefined : t("validation.required"),
        });
        return;
      }
      moveAll.mutate({ fromManagerId: from, toManagerId: to, restoreAt, reason }, options);
    } else {
      assign.mutate(
        { clientIds, toManagerId: to || null, restoreAt: to ? restoreAt : null, reason },
        options,
      );
    }
  }

  const hasFieldErrors = Object.values(errors).some(Boolean);
  return (
    <Dialog
      isOpen={isOpen}
      onClose={close}
      closeLabel={t("common.close")}
      title={
        isBulkMove
          ? t("clients.moveAll.title")
          : t("clients.reassign.title", { count: clientIds.length })
      }
      description={isBulkMove ? t("clients.moveAll.body") : t("clients.reassign.body")}
      testId="reassign-dialog"
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {mutation.error && !hasFieldErrors ? (
          <Alert>{describeError(t, mutation.error)}</Alert>
        ) : null}
        {isBulkMove ? (
          <div>
            <label
              htmlFor="reassign-from"
              className="mb-1 block text-sm font-medium text-slate-800"
            >
              {t("clients.moveAll.from")}
            </label>
            <select
              id="reassign-from"
              name="fromManagerId"
              className={inputClass(Boolean(errors.fromManagerId))}
              data-testid="reassign-from"
            >
              <option value="">{t("clients.chooseManager")}</option>
              {managers.data?.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
            {errors.fromManagerId ? (
              <p className="mt-1 text-sm text-red-700">{errors.fromManagerId}</p>
            ) : null}
          </div>
        ) : null}
        <div>
          <label htmlFor="reassign-to" className="mb-1 block text-sm font-medium text-slate-800">
            {t("clients.reassign.to")}
          </label>
          <select
            id="reassign-to"
            name="toManagerId"
            className={inputClass(Boolean(errors.toManagerId))}
            data-testid="reassign-to"
          >
            <option value="">
              {isBulkMove ? t("clients.chooseManager") : t("clients.noManager")}
            </option>
            {managers.data?.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          {errors.toManagerId ? (
            <p className="mt-1 text-sm text-red-700">{errors.toManagerId}</p>
          ) : null}
        </div>
        <div>
          <label htmlFor="reassign-until" className="mb-1 block text-sm font-medium text-slate-800">
            {t("clients.reassign.until")}
          </label>
          <input
            id="reassign-until"
            name="restoreAt"
            type="date"
            aria-describedby="reassign-until-hint"
            className={inputClass(Boolean(errors.restoreAt))}
            data-testid="reassign-until"
          />
          <p id="reassign-until-hint" className="mt-1 text-xs text-slate-500">
            {t("clients.reassign.untilHint")}
          </p>
          {errors.restoreAt ? (
            <p className="mt-1 text-sm text-red-700">{errors.restoreAt}</p>
          ) : null}
        </div>
        <div>
          <label
            htmlFor="reassign-reason"
            className="mb-1 block text-sm font-medium text-slate-800"
          >
            {t("clients.reassign.reason")}
          </label>
          <input id="reassign-reason" name="reason" maxLength={200} className={inputClass(false)} />
        </div>
        <div className="flex flex-col-reverse justify-end gap-2 pt-2 sm:flex-row">
          <button type="button" onClick={close} className={buttonClass("secondary")}>
            {t("common.cancel")}
          </button>
          <button
            type="submit"
            disabled={mutation.isPending}
            className={buttonClass("primary")}
            data-testid="reassign-submit"
          >
            {mutation.isPending ? t("clients.saving") : t("clients.reassign.submit")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
