"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { normalizePhone } from "@/lib/phone";
import { useTRPC } from "@/lib/trpc/react";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { Dialog } from "@/lib/ui/dialog";
import { Icon } from "@/lib/ui/icon";
import { Spinner } from "@/lib/ui/spinner";
import { TextField } from "@/lib/ui/text-field";
import {
  describeFailure,
  describePhoneError,
} from "@/app/(console)/_components/call-actions/failure-text";
import { TransferTargets } from "@/app/(console)/_components/call-actions/transfer-targets";

type TransferDialogProps = {
  /** Pult's call id (not the PBX's). */
  callId: string;
  /** The workplace the call is at now: not offered as a target. */
  currentWorkplaceId?: string | null;
  size?: "sm" | "md";
};

type Mode = "manager" | "number";

/** A "Transfer" button and its dialog: pick a colleague (with live status) or type a number. */
export function TransferDialog({ callId, currentWorkplaceId, size = "sm" }: TransferDialogProps) {
  const { t } = useI18n();
  const [isOpen, setIsOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        className={buttonClass("secondary", size)}
        data-testid="transfer-button"
        onClick={() => {
          setNotice(null);
          setIsOpen(true);
        }}
      >
        <Icon name="forward" />
        {t("callActions.transfer")}
      </button>
      <p role="status" className="text-xs text-emerald-700 empty:hidden">
        {notice}
      </p>
      <Dialog
        isOpen={isOpen}
        onClose={() => setIsOpen(false)}
        title={t("callActions.transferTitle")}
        description={t("callActions.transferDescription")}
        closeLabel={t("common.close")}
        testId="transfer-dialog"
      >
        <TransferForm
          callId={callId}
          currentWorkplaceId={currentWorkplaceId ?? null}
          onCancel={() => setIsOpen(false)}
          onDone={() => {
            setIsOpen(false);
            setNotice(t("callActions.transferred"));
          }}
        />
      </Dialog>
    </div>
  );
}

type TransferFormProps = {
  callId: string;
  currentWorkplaceId: string | null;
  onCancel: () => void;
  onDone: () => void;
};

function TransferForm({ callId, currentWorkplaceId, onCancel, onDone }: TransferFormProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const modeName = useId();
  const [mode, setMode] = useState<Mode>("manager");
  const [workplaceId, setWorkplaceId] = useState<string | null>(null);
  const [number, setNumber] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const live = useQuery(trpc.calls.live.queryOptions());
  const transfer = useMutation(
    trpc.control.transfer.mutationOptions({
      onSuccess: (result) =>
        result.ok ? onDone() : setFormError(describeFailure(t, result.reason)),
      onError: (error) => setFormError(describeError(t, error)),
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    setFieldError(null);
    if (mode === "manager") {
      if (!workplaceId) return setFieldError(t("callActions.pickTarget"));
      return transfer.mutate({ callId, target: { workplaceId } });
    }
    const parsed = normalizePhone(number);
    if (!parsed.ok) return setFieldError(describePhoneError(t, parsed.reason));
    transfer.mutate({ callId, target: { number: parsed.e164 } });
  };

  const managers = (live.data?.managers ?? []).filter(
    (m) => m.workplace !== null && m.workplace.id !== currentWorkplaceId,
  );
  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid="transfer-form">
      <fieldset>
        <legend className="sr-only">{t("callActions.transferTitle")}</legend>
        <div className="flex gap-4 text-sm font-medium text-slate-800">
          {(["manager", "number"] as const).map((value) => (
            <label key={value} className="flex items-center gap-2">
              <input
                type="radio"
                name={modeName}
                value={value}
                checked={mode === value}
                onChange={() => {
                  setMode(value);
                  setFieldError(null);
                }}
                className="accent-brand-600"
              />
              {t(
                value === "manager"
                  ? "callActions.transferToManager"
                  : "callActions.transferToNumber",
              )}
            </label>
          ))}
        </div>
      </fieldset>
      {mode === "manager" ? (
        <TransferTargets
          managers={managers}
          isLoading={live.isPending}
          selected={workplaceId}
          onSelect={(id) => {
            setWorkplaceId(id);
            setFieldError(null);
          }}
          error={fieldError}
        />
      ) : (
        <TextField
          label={t("callActions.numberLabel")}
          name="transferNumber"
          type="tel"
          autoComplete="off"
          inputMode="tel"
          placeholder={t("callActions.numberPlaceholder")}
          value={number}
          onChange={(event) => setNumber(event.target.value)}
          error={fieldError}
        />
      )}
      {formError ? (
        <p role="alert" className="text-sm text-red-700" data-testid="transfer-error">
          {formError}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonClass("secondary")} onClick={onCancel}>
          {t("callActions.cancel")}
        </button>
        <button
          type="submit"
          className={buttonClass("primary")}
          disabled={transfer.isPending}
          data-testid="transfer-submit"
        >
          {transfer.isPending ? <Spinner /> : null}
          {transfer.isPending ? t("callActions.transferring") : t("callActions.transferSubmit")}
        </button>
      </div>
    </form>
  );
}
