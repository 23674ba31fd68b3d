"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { describeError, getAppErrorCode } from "@/lib/ui/app-error";
import { inputClass } from "@/lib/ui/input-styles";
import type {
  Notice,
  PultUser,
  WorkplaceRow,
} from "@/app/(console)/settings/workplaces/_components/types";

type UserLinkSelectProps = {
  workplace: WorkplaceRow;
  users: PultUser[];
  onNotice: (notice: Notice) => void;
};

// Calls delivered to a workplace are attributed to the Pult user linked to it.
export function UserLinkSelect({ workplace, users, onNotice }: UserLinkSelectProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const link = useMutation(trpc.users.linkWorkplace.mutationOptions());
  const [pendingUserId, setPendingUserId] = useState<string | null>(null);
  const current = workplace.user;
  const isArchived = workplace.archivedAt !== null;

  // Disabled people can't take calls; an archived workplace can only be unlinked.
  const choices = users.filter((user) =>
    user.id === current?.id ? true : !isArchived && user.status !== "DISABLED",
  );

  async function change(userId: string) {
    setPendingUserId(userId);
    try {
      // One user per workplace: the server refuses to link over someone, so unlink first.
      if (current && current.id !== userId) {
        await link.mutateAsync({ userId: current.id, workplaceId: null });
      }
      if (userId) await link.mutateAsync({ userId, workplaceId: workplace.id });
      const name = users.find((user) => user.id === userId)?.name;
      onNotice({
        tone: "success",
        text: name
          ? t("workplaces.linkedNotice", { user: name, workplace: workplace.name })
          : t("workplaces.unlinkedNotice", { workplace: workplace.name }),
      });
    } catch (error) {
      const text =
        getAppErrorCode(error) === "CONFLICT"
          ? t("workplaces.linkConflict")
          : describeError(t, error);
      onNotice({ tone: "error", text });
    } finally {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.directory.workplaces.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }),
      ]);
      setPendingUserId(null);
    }
  }

  return (
    <select
      aria-label={t("workplaces.userFor", { name: workplace.name })}
      value={pendingUserId ?? current?.id ?? ""}
      disabled={pendingUserId !== null}
      aria-busy={pendingUserId !== null || undefined}
      onChange={(event) => void change(event.target.value)}
      className={inputClass(false, "h-9 w-full pr-2 sm:max-lg:w-72 lg:w-44 xl:w-52")}
      data-testid="workplace-user-select"
    >
      <option value="">{t("workplaces.notLinked")}</option>
      {choices.map((user) => (
        <option key={user.id} value={user.id}>
          {user.workplace && user.workplace.id !== workplace.id
            ? t("workplaces.userElsewhere", { name: user.name, workplace: user.workplace.name })
            : user.name}
        </option>
      ))}
    </select>
  );
}
