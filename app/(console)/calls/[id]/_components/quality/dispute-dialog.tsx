"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { Dialog } from "@/lib/ui/dialog";
import { inputClass } from "@/lib/ui/input-styles";

type DisputeDialogProps = {
  evaluationId: string;
  criterion: { id: string; title: string } | null;
  onClose: () => void;
};

/** The manager disputes one criterion and says why. */
export function DisputeDialog({ evaluationId, criterion, onClose }: DisputeDialogProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const commentId = useId();
  const [comment, setComment] = useState("");
  const [isEmpty, setEmpty] = useState(false);
  const dispute = useMutation(
    trpc.quality.dispute.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.quality.pathKey() });
        setComment("");
        onClose();
      },
    }),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!criterion) return;
    if (!comment.trim()) return setEmpty(true);
    dispute.mutate({ evaluationId, criterionId: criterion.id, comment });
  };
  return (
    <Dialog
      isOpen={criterion !== null}
      onClose={onClose}
      title={t("quality.dispute.title")}
      description={criterion?.title}
      closeLabel={t("common.close")}
      testId="dispute-dialog"
    >
      <form onSubmit={onSubmit} className="space-y-3" noValidate>
        <label htmlFor={commentId} className="text-sm font-medium text-slate-800">
          {t("quality.dispute.comment")}
        </label>
        <textarea
          id={commentId}
          value={comment}
          onChange={(e) => {
            setComment(e.target.value);
            setEmpty(false);
          }}
          rows={4}
          maxLength={2000}
          className={inputClass(isEmpty, "w-full py-2")}
          aria-invalid={isEmpty || undefined}
          data-testid="dispute-comment"
        />
        {isEmpty ? (
          <p className="text-sm text-red-700">{t("quality.dispute.commentRequired")}</p>
        ) : null}
        {dispute.isError ? <Alert>{describeError(t, dispute.error)}</Alert> : null}
        <div className="flex justify-end gap-2">
          <button type="button" onClick={onClose} className={buttonClass("secondary")}>
            {t("common.cancel")}
          </button>
          <button
            type="submit"
            disabled={dispute.isPending}
            className={buttonClass("primary")}
            data-testid="dispute-submit"
          >
            {t("quality.dispute.submit")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
