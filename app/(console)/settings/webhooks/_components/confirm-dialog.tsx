"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { buttonClass } from "@/lib/ui/button-styles";
import { Dialog } from "@/lib/ui/dialog";

type Props = {
  isOpen: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  isDanger?: boolean;
  isPending: boolean;
  onConfirm: () => void;
  onClose: () => void;
};

export function ConfirmDialog(props: Props) {
  const { t } = useI18n();
  return (
    <Dialog
      isOpen={props.isOpen}
      onClose={props.onClose}
      closeLabel={t("common.close")}
      title={props.title}
      description={props.body}
      testId="webhook-confirm-dialog"
    >
      <div className="mt-6 flex flex-col-reverse justify-end gap-2 sm:flex-row">
        <button type="button" onClick={props.onClose} className={buttonClass("secondary")}>
          {t("common.cancel")}
        </button>
        <button
          type="button"
          onClick={props.onConfirm}
          disabled={props.isPending}
          className={buttonClass(props.isDanger ? "danger" : "primary")}
          data-testid="webhook-confirm"
        >
          {props.isPending ? t("webhooks.working") : props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
