"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, type ChangeEvent } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeErrorCode, getRouteErrorCode } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { Dialog } from "@/lib/ui/dialog";
import { ImportPreviewTable } from "@/app/(console)/clients/_components/import-preview-table";
import type {
  ImportCounts,
  ImportFailure,
  ImportPlan,
} from "@/app/(console)/clients/_components/import-types";

const MAX_BYTES = 5 * 1024 * 1024;

type State =
  | { step: "choose" }
  | { step: "previewing" }
  | { step: "preview"; file: File; plan: ImportPlan }
  | { step: "committing"; file: File; plan: ImportPlan };

async function send(file: File, mode: "preview" | "commit"): Promise<unknown> {
  const response = await fetch(`/api/clients/import?mode=${mode}`, {
    method: "POST",
    headers: { "content-type": "text/csv" },
    body: file,
  });
  const json: unknown = await response.json().catch(() => ({ code: "INTERNAL" }));
  if (!response.ok) throw json;
  return json;
}

function failureOf(error: unknown): ImportFailure {
  if (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    typeof error.code === "string"
  )
    return error as ImportFailure;
  return { code: "NETWORK" };
}

type ImportDialogProps = {
  isOpen: boolean;
  onClose: () => void;
  onImported: (counts: ImportCounts) => void;
};

export function ImportDialog({ isOpen, onClose, onImported }: ImportDialogProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<State>({ step: "choose" });
  const [error, setError] = useState<string | null>(null);

  function describe(failure: ImportFailure): string {
    if (failure.reason === "too_large")
      return t("clients.import.tooLarge", { mb: MAX_BYTES / 1024 / 1024 });
    if (failure.reason === "too_many_rows") return t("clients.import.tooManyRows");
    if (failure.code === "NETWORK") return t("error.NETWORK");
    const code = getRouteErrorCode(failure);
    if (code === "FORBIDDEN" || code === "UNAUTHENTICATED") return describeErrorCode(t, code);
    return t("clients.import.failed");
  }

  function close() {
    setState({ step: "choose" });
    setError(null);
    onClose();
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setError(null);
    if (file.size > MAX_BYTES) {
      setError(t("clients.import.tooLarge", { mb: MAX_BYTES / 1024 / 1024 }));
      return;
    }
    setState({ step: "previewing" });
    try {
      const plan = (await send(file, "preview")) as ImportPlan;
      setState({ step: "preview", file, plan });
    } catch (failure) {
      setError(describe(failureOf(failure)));
      setState({ step: "choose" });
    }
  }

  async function onConfirm() {
    if (state.step !== "preview") return;
    setState({ ...state, step: "committing" });
    try {
      const counts = (await send(state.file, "commit")) as ImportCounts;
      void queryClient.invalidateQueries({ queryKey: trpc.clients.pathKey() });
      close();
      onImported(counts);
    } catch (failure) {
      setError(describe(failureOf(failure)));
      setState({ ...state, step: "preview" });
    }
  }

  const plan = state.step === "preview" || state.step === "committing" ? state.plan : null;
  const writable = plan ? plan.counts.create + plan.counts.update : 0;
  return (
    <Dialog
      isOpen={isOpen}
      onClose={close}
      closeLabel={t("common.close")}
      title={t("clients.import.title")}
      description={t("clients.import.body")}
      testId="import-dialog"
    >
      <div className="space-y-4">
        {error ? <Alert testId="import-error">{error}</Alert> : null}
        <div>
          <label htmlFor="import-file" className="mb-1 block text-sm font-medium text-slate-800">
            {t("clients.import.file")}
          </label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => void onFile(e)}
            disabled={state.step === "previewing" || state.step === "committing"}
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium"
            data-testid="import-file"
          />
          <p className="mt-1 text-xs text-slate-500">{t("clients.import.fileHint")}</p>
        </div>
        {state.step === "previewing" ? (
          <p role="status" className="text-sm text-slate-600">
            {t("clients.import.reading")}
          </p>
        ) : null}
        {plan?.fileError ? (
          <Alert testId="import-file-error">
            {t(`clients.import.fileError.${plan.fileError}`)}
          </Alert>
        ) : null}
        {plan && !plan.fileError ? (
          <>
            <p className="text-sm text-slate-700" data-testid="import-summary">
              {t("clients.import.summary", {
                create: plan.counts.create,
                update: plan.counts.update,
                reject: plan.counts.reject,
                encoding: plan.encoding === "windows-1251" ? "Windows-1251" : "UTF-8",
                delimiter: plan.delimiter,
              })}
            </p>
            <ImportPreviewTable plan={plan} />
          </>
        ) : null}
        <div className="flex flex-col-reverse justify-end gap-2 pt-2 sm:flex-row">
          <button type="button" onClick={close} className={buttonClass("secondary")}>
            {t("common.cancel")}
          </button>
          {plan && !plan.fileError ? (
            <button
              type="button"
              onClick={() => void onConfirm()}
              disabled={writable === 0 || state.step === "committing"}
              className={buttonClass("primary")}
              data-testid="import-confirm"
            >
              {state.step === "committing"
                ? t("clients.import.importing")
                : t("clients.import.confirm", { count: writable })}
            </button>
          ) : null}
        </div>
      </div>
    </Dialog>
  );
}
