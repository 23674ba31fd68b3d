"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { buttonClass } from "@/lib/ui/button-styles";
import { Dialog } from "@/lib/ui/dialog";
import { InviteLinkPanel } from "@/app/(console)/settings/users/_components/invite-link-panel";
import type { InviteLink } from "@/app/(console)/settings/users/_components/types";

type InviteLinkDialogProps = { link: InviteLink | null; title: string; onClose: () => void };

// Shows a freshly regenerated invite link.
export function InviteLinkDialog({ link, title, onClose }: InviteLinkDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog
      isOpen={link !== null}
      onClose={onClose}
      title={title}
      closeLabel={t("common.close")}
      testId="invite-link-dialog"
    >
      {link ? <InviteLinkPanel link={link} intro={t("invite.newLinkBody")} /> : null}
      <div className="mt-4 flex justify-end">
        <button type="button" onClick={onClose} className={buttonClass("primary")}>
          {t("common.done")}
        </button>
      </div>
    </Dialog>
  );
}
