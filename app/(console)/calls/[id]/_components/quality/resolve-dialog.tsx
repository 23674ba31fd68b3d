"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import type { AnswerValue, Criterion } from "@/lib/schemas/quality";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { Dialog } from "@/lib/ui/dialog";
import { inputClass } from "@/lib/ui/input-styles";
import { AnswerPicker } from "@/app/(console)/calls/[id]/_components/quality/answer-picker";
import { answerLabel } from "@/app/(console)/quality/_components/quality-format";

export type DisputeToResolve = {
  id: string;
  comment: string;
  previousValue: string;
  criterion: Criterion;
};

/** A supervisor accepts a dispute (choosing the corrected answer) or rejects it, with a reason. */
export function ResolveDialog({
  dispute,
  onClose,
}: {
  dispute: DisputeToResolve | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const resolutionId = useId();
  const [decision, setDecision] = useState<"ACCEPTED" | "REJECTED">("REJECTED");
  const [newValue, setNewValue] = useState<AnswerValue | undefined>();
  const [resolution, setResolution] = useState("");
  const [errors, setErrors] = useState<{ value?: boolean; resolution?: boolean }>({});
  const resolve = useMutation(
    trpc.quality.resolveDispute.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.quality.pathKey() });
        setResolution("");
        setNewValue(undefined);
        onClose();
      },
    }),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!dispute) return;
    const next = { value: decision === "ACCEPTED" && !newValue, resolution: !resolution.trim() };
    setErrors(next);
    if (next.value || next.resolution) return;
    resolve.mutate({
      disputeId: dispute.id,
      decision,
      newValue: decision === "ACCEPTED" ? newValue : undefined,
      resolution,
    });
  };
  return (
    <Dialog
      isOpen={dispute !== null}
      onClose={onClose}
      title={t("quality.resolve.title")}
      description={dispute?.criterion.title}
      closeLabel={t("common.close")}
      testId="resolve-dialog"
    >
      {dispute ? (
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <div className="rounded-md bg-slate-50 p-3 text-sm">
            <p className="text-slate-500">
              {t("quality.resolve.was", {
                answer: answerLabel(t, dispute.criterion.kind, dispute.previousValue),
              })}
            </p>
            <p className="mt-1 whitespace-pre-wrap text-slate-800">{dispute.comment}</p>
          </div>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-800">
              {t("quality.resolve.decision")}
            </legend>
            {(["ACCEPTED", "REJECTED"] as const).map((option) => (
              <label key={option} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="decision"
                  checked={decision === option}
                  onChange={() => setDecision(option)}
                  data-testid={`resolve-${option}`}
                />
                {t(option === "ACCEPTED" ? "quality.resolve.accept" : "quality.resolve.reject")}
              </label>
            ))}
          </fieldset>
          {decision === "ACCEPTED" ? (
            <div className="space-y-1">
              <p className="text-sm font-medium text-slate-800">{t("quality.resolve.newValue")}</p>
              <AnswerPicker
                name="new-value"
                label={t("quality.resolve.newValue")}
                kind={dispute.criterion.kind}
                value={newValue}
                onChange={setNewValue}
                hasError={errors.value}
                testId="resolve-value"
              />
              {errors.value ? (
                <p className="text-sm text-red-700">{t("quality.resolve.valueRequired")}</p>
              ) : null}
            </div>
          ) : null}
          <div className="space-y-1">
            <label htmlFor={resolutionId} className="text-sm font-medium text-slate-800">
              {t("quality.resolve.resolution")}
            </label>
            <textarea
              id={resolutionId}
              value={resolution}
              onChange={(e) => setResolution(e.target.value)}
              rows={3}
              maxLength={2000}
              className={inputClass(errors.resolution === true, "w-full py-2")}
              data-testid="resolve-resolution"
            />
            {errors.resolution ? (
              <p className="text-sm text-red-700">{t("quality.resolve.resolutionRequired")}</p>
            ) : null}
          </div>
          {resolve.isError ? <Alert>{describeError(t, resolve.error)}</Alert> : null}
          <div className="flex justify-end gap-2">
            <button type="button" onClick={onClose} className={buttonClass("secondary")}>
              {t("common.cancel")}
            </button>
            <button
              type="submit"
              disabled={resolve.isPending}
              className={buttonClass("primary")}
              data-testid="resolve-submit"
            >
              {t("quality.resolve.submit")}
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
