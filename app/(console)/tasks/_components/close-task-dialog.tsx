"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { describeError, getFieldErrors } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { Dialog } from "@/lib/ui/dialog";
import { formatPhone } from "@/lib/ui/format-phone";
import { Spinner } from "@/lib/ui/spinner";
import { TextField } from "@/lib/ui/text-field";
import type { TaskItem } from "@/app/(console)/tasks/_components/types";

export type CloseIntent = { task: TaskItem; status: "DONE" | "CANCELLED" };

type CloseTaskDialogProps = {
  intent: CloseIntent | null;
  onCancel: () => void;
  onClosed: (text: string) => void;
};

export function CloseTaskDialog({ intent, onCancel, onClosed }: CloseTaskDialogProps) {
  const { t } = useI18n();
  const isDone = intent?.status === "DONE";
  const contact = intent ? (intent.task.client?.name ?? formatPhone(intent.task.phone ?? "")) : "";
  return (
    <Dialog
      isOpen={intent !== null}
      onClose={onCancel}
      title={t(isDone ? "tasks.closeTitleDone" : "tasks.closeTitleCancel")}
      description={t("tasks.closeDescription", { contact })}
      closeLabel={t("common.close")}
      testId="close-task-dialog"
    >
      {intent ? (
        <CloseTaskForm
          key={`${intent.task.id}-${intent.status}`}
          intent={intent}
          onCancel={onCancel}
          onClosed={onClosed}
        />
      ) : null}
    </Dialog>
  );
}

function CloseTaskForm({
  intent,
  onCancel,
  onClosed,
}: {
  intent: CloseIntent;
  onCancel: () => void;
  onClosed: (text: string) => void;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [noteError, setNoteError] = useState<string | null>(null);
  const isDone = intent.status === "DONE";
  const options = {
    onSuccess: () => onClosed(t(isDone ? "tasks.closedDone" : "tasks.closedCancelled")),
    onError: (failure: unknown) => {
      const fields = getFieldErrors(failure);
      if (fields.note?.length) setNoteError(t("validation.tooLong"));
      else setError(describeError(t, failure));
    },
  };
  const done = useMutation(trpc.tasks.close.mutationOptions(options));
  const cancel = useMutation(trpc.tasks.cancel.mutationOptions(options));
  const isPending = done.isPending || cancel.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setNoteError(null);
    const input = { taskId: intent.task.id, note };
    if (isDone) done.mutate(input);
    else cancel.mutate(input);
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <TextField
        label={t("tasks.note")}
        name="note"
        placeholder={t("tasks.notePlaceholder")}
        value={note}
        maxLength={1000}
        onChange={(event) => setNote(event.target.value)}
        error={noteError}
      />
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonClass("secondary")} onClick={onCancel}>
          {t("tasks.keepOpen")}
        </button>
        <button
          type="submit"
          className={buttonClass(isDone ? "primary" : "danger")}
          disabled={isPending}
          data-testid="close-task-submit"
        >
          {isPending ? <Spinner /> : null}
          {t(isDone ? "tasks.confirmDone" : "tasks.confirmCancel")}
        </button>
      </div>
    </form>
  );
}
