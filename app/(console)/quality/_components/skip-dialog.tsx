"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { SKIP_REASONS } from "@/lib/schemas/quality";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { Dialog } from "@/lib/ui/dialog";
import { inputClass } from "@/lib/ui/input-styles";

type SkipDialogProps = { itemId: string | null; onClose: () => void; onSkipped?: () => void };

/** Skipping a call from the review queue always records why. */
export function SkipDialog({ itemId, onClose, onSkipped }: SkipDialogProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const noteId = useId();
  const [reason, setReason] = useState<(typeof SKIP_REASONS)[number]>("noRecording");
  const [note, setNote] = useState("");
  const [isNoteMissing, setNoteMissing] = useState(false);
  const skip = useMutation(
    trpc.quality.skip.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.quality.pathKey() });
        setNote("");
        onClose();
        onSkipped?.();
      },
    }),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!itemId) return;
    if (reason === "other" && !note.trim()) return setNoteMissing(true);
    skip.mutate({ itemId, reason, note });
  };
  return (
    <Dialog
      isOpen={itemId !== null}
      onClose={onClose}
      title={t("quality.skip.title")}
      description={t("quality.skip.description")}
      closeLabel={t("common.close")}
      testId="skip-dialog"
    >
      <form onSubmit={onSubmit} className="space-y-3" noValidate>
        <fieldset className="space-y-1.5">
          <legend className="text-sm font-medium text-slate-800">{t("quality.skip.reason")}</legend>
          {SKIP_REASONS.map((option) => (
            <label key={option} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="skip-reason"
                checked={reason === option}
                onChange={() => setReason(option)}
                data-testid={`skip-${option}`}
              />
              {t(`quality.skip.reasons.${option}`)}
            </label>
          ))}
        </fieldset>
        <label htmlFor={noteId} className="text-sm font-medium text-slate-800">
          {reason === "other" ? t("quality.skip.noteRequired") : t("quality.skip.note")}
        </label>
        <textarea
          id={noteId}
          value={note}
          onChange={(e) => {
            setNote(e.target.value);
            setNoteMissing(false);
          }}
          rows={2}
          maxLength={500}
          className={inputClass(isNoteMissing, "w-full py-2")}
          aria-invalid={isNoteMissing || undefined}
          data-testid="skip-note"
        />
        {isNoteMissing ? (
          <p className="text-sm text-red-700">{t("quality.skip.noteMissing")}</p>
        ) : null}
        {skip.isError ? <Alert>{describeError(t, skip.error)}</Alert> : null}
        <div className="flex justify-end gap-2">
          <button type="button" onClick={onClose} className={buttonClass("secondary")}>
            {t("common.cancel")}
          </button>
          <button
            type="submit"
            disabled={skip.isPending}
            className={buttonClass("primary")}
            data-testid="skip-submit"
          >
            {t("quality.skip.submit")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
