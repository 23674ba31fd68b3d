"use client";

import { useRouter } from "next/navigation";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { Dialog } from "@/lib/ui/dialog";
import { ClientForm } from "@/app/(console)/clients/_components/client-form";

type NewClientDialogProps = {
  isOpen: boolean;
  onClose: () => void;
  canAssign: boolean;
  currentUserId: string;
};

export function NewClientDialog({
  isOpen,
  onClose,
  canAssign,
  currentUserId,
}: NewClientDialogProps) {
  const { t } = useI18n();
  const router = useRouter();
  return (
    <Dialog
      isOpen={isOpen}
      onClose={onClose}
      closeLabel={t("common.close")}
      title={t("clients.newTitle")}
      testId="new-client-dialog"
    >
      <ClientForm
        canAssign={canAssign}
        currentUserId={currentUserId}
        onCancel={onClose}
        onSaved={(id) => {
          onClose();
          router.push(`/clients/${id}`);
        }}
        testId="new-client-form"
      />
    </Dialog>
  );
}
