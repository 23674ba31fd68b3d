"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { Dialog } from "@/lib/ui/dialog";
import type { Notice } from "@/app/(console)/settings/telephony/_components/types";

export function DisconnectButton({ onNotice }: { onNotice: (notice: Notice) => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [isOpen, setOpen] = useState(false);
  const disconnect = useMutation(
    trpc.integration.disconnect.mutationOptions({
      onSuccess: () => onNotice({ tone: "success", text: t("telephony.disconnectedNotice") }),
      onError: (error) => onNotice({ tone: "error", text: describeError(t, error) }),
      onSettled: async () => {
        setOpen(false);
        await queryClient.invalidateQueries({ queryKey: trpc.integration.get.queryKey() });
      },
    }),
  );

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className={buttonClass("dangerOutline")}
        data-testid="disconnect-open"
      >
        {t("telephony.disconnect")}
      </button>
      <Dialog
        isOpen={isOpen}
        onClose={() => setOpen(false)}
        closeLabel={t("common.close")}
        title={t("telephony.disconnectTitle")}
        description={t("telephony.disconnectBody")}
        testId="disconnect-dialog"
      >
        <div className="mt-6 flex flex-col-reverse justify-end gap-2 sm:flex-row">
          <button type="button" onClick={() => setOpen(false)} className={buttonClass("secondary")}>
            {t("common.cancel")}
          </button>
          <button
            type="button"
            onClick={() => disconnect.mutate()}
            disabled={disconnect.isPending}
            className={buttonClass("danger")}
            data-testid="disconnect-confirm"
          >
            {disconnect.isPending ? t("telephony.disconnecting") : t("telephony.disconnectConfirm")}
          </button>
        </div>
      </Dialog>
    </>
  );
}
