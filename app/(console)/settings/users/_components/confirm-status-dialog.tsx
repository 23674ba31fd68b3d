"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { buttonClass } from "@/lib/ui/button-styles";
import { Dialog } from "@/lib/ui/dialog";

type ConfirmStatusDialogProps = {
  isOpen: boolean;
  name: string;
  status: "ACTIVE" | "DISABLED";
  isPending: boolean;
  onConfirm: () => void;
  onClose: () => void;
};

export function ConfirmStatusDialog({
  isOpen,
  name,
  status,
  isPending,
  onConfirm,
  onClose,
}: ConfirmStatusDialogProps) {
  const { t } = useI18n();
  const isDisabling = status === "DISABLED";
  return (
    <Dialog
      isOpen={isOpen}
      onClose={onClose}
      closeLabel={t("common.close")}
      title={isDisabling ? t("users.disableTitle", { name }) : t("users.enableTitle", { name })}
      description={isDisabling ? t("users.disableBody") : t("users.enableBody")}
      testId="confirm-status-dialog"
    >
      <div className="mt-6 flex flex-col-reverse justify-end gap-2 sm:flex-row">
        <button type="button" onClick={onClose} className={buttonClass("secondary")}>
          {t("common.cancel")}
        </button>
        <button
          type="button"
          onClick={onConfirm}
          disabled={isPending}
          className={buttonClass(isDisabling ? "danger" : "primary")}
          data-testid="confirm-status-submit"
        >
          {isDisabling ? t("users.disableConfirm") : t("users.enableConfirm")}
        </button>
      </div>
    </Dialog>
  );
}
