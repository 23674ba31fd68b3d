"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { buttonClass } from "@/lib/ui/button-styles";
import { Dialog } from "@/lib/ui/dialog";

type RevokeKeyDialogProps = {
  isOpen: boolean;
  name: string;
  isPending: boolean;
  onConfirm: () => void;
  onClose: () => void;
};

export function RevokeKeyDialog({
  isOpen,
  name,
  isPending,
  onConfirm,
  onClose,
}: RevokeKeyDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog
      isOpen={isOpen}
      onClose={onClose}
      closeLabel={t("common.close")}
      title={t("apiKeys.revokeTitle", { name })}
      description={t("apiKeys.revokeBody")}
      testId="revoke-key-dialog"
    >
      <div className="mt-6 flex flex-col-reverse justify-end gap-2 sm:flex-row">
        <button type="button" onClick={onClose} className={buttonClass("secondary")}>
          {t("common.cancel")}
        </button>
        <button
          type="button"
          onClick={onConfirm}
          disabled={isPending}
          className={buttonClass("danger")}
          data-testid="revoke-key-confirm"
        >
          {isPending ? t("apiKeys.revoking") : t("apiKeys.revokeConfirm")}
        </button>
      </div>
    </Dialog>
  );
}
