"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { Alert } from "@/lib/ui/alert";
import { buttonClass } from "@/lib/ui/button-styles";
import { CopyField } from "@/lib/ui/copy-field";
import { Dialog } from "@/lib/ui/dialog";

// A signing secret, shown once: forgotten when the dialog closes.
export function SecretDialog({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog
      isOpen={secret !== null}
      onClose={onClose}
      closeLabel={t("common.close")}
      title={t("webhooks.secretTitle")}
      testId="webhook-secret-dialog"
    >
      <div className="space-y-4">
        <Alert tone="warning">{t("webhooks.secretOnce")}</Alert>
        <CopyField
          label={t("webhooks.secretLabel")}
          value={secret ?? ""}
          labels={{
            copy: t("common.copy"),
            copied: t("common.copied"),
            failed: t("webhooks.copyFailed"),
          }}
          testId="webhook-secret-value"
        />
        <div className="flex justify-end">
          <button
            type="button"
            onClick={onClose}
            className={buttonClass("primary")}
            data-testid="webhook-secret-done"
          >
            {t("common.done")}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
