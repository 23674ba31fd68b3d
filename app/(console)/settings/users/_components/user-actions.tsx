"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { ConfirmStatusDialog } from "@/app/(console)/settings/users/_components/confirm-status-dialog";
import { InviteLinkDialog } from "@/app/(console)/settings/users/_components/invite-link-dialog";
import type { InviteLink, Notice, UserRow } from "@/app/(console)/settings/users/_components/types";

type UserActionsProps = { user: UserRow; isSelf: boolean; onNotice: (notice: Notice) => void };

export function UserActions({ user, isSelf, onNotice }: UserActionsProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [isConfirmOpen, setConfirmOpen] = useState(false);
  const [newLink, setNewLink] = useState<InviteLink | null>(null);
  const refreshList = () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
  const onError = (error: unknown) => onNotice({ tone: "error", text: describeError(t, error) });

  const nextStatus = user.status === "DISABLED" ? "ACTIVE" : "DISABLED";
  const setStatus = useMutation(
    trpc.users.setStatus.mutationOptions({
      onSuccess: (_data, variables) => {
        setConfirmOpen(false);
        const key =
          variables.status === "DISABLED" ? "users.disabledNotice" : "users.enabledNotice";
        onNotice({ tone: "success", text: t(key, { name: user.name }) });
      },
      onError: (error) => {
        setConfirmOpen(false);
        onError(error);
      },
      onSettled: refreshList,
    }),
  );
  const regenerate = useMutation(
    trpc.users.regenerateInvite.mutationOptions({
      onSuccess: (data) => setNewLink({ name: user.name, email: user.email, ...data }),
      onError,
      onSettled: refreshList,
    }),
  );

  return (
    <div className="flex justify-end gap-2">
      {user.status === "INVITED" ? (
        <button
          type="button"
          disabled={regenerate.isPending}
          onClick={() => regenerate.mutate({ userId: user.id })}
          className={buttonClass("secondary", "sm")}
          data-testid="user-new-link"
        >
          {t("users.newLink")}
        </button>
      ) : null}
      {/* The server refuses self-disable too; hiding the button avoids a dead end. */}
      {user.status !== "INVITED" && !isSelf ? (
        <button
          type="button"
          onClick={() => setConfirmOpen(true)}
          className={buttonClass(nextStatus === "DISABLED" ? "dangerOutline" : "secondary", "sm")}
          data-testid={nextStatus === "DISABLED" ? "user-disable" : "user-enable"}
        >
          {nextStatus === "DISABLED" ? t("users.disable") : t("users.enable")}
        </button>
      ) : null}
      <ConfirmStatusDialog
        isOpen={isConfirmOpen}
        name={user.name}
        status={nextStatus}
        isPending={setStatus.isPending}
        onConfirm={() => setStatus.mutate({ userId: user.id, status: nextStatus })}
        onClose={() => setConfirmOpen(false)}
      />
      <InviteLinkDialog
        link={newLink}
        title={newLink ? t("invite.newLinkTitle", { name: newLink.name }) : ""}
        onClose={() => setNewLink(null)}
      />
    </div>
  );
}
