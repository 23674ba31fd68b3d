"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { roleSchema } from "@/lib/schemas/users";
import { useTRPC } from "@/lib/trpc/react";
import { describeError } from "@/lib/ui/app-error";
import { inputClass } from "@/lib/ui/input-styles";
import type { Notice, UserRow } from "@/app/(console)/settings/users/_components/types";

type RoleSelectProps = { user: UserRow; onNotice: (notice: Notice) => void };

export function RoleSelect({ user, onNotice }: RoleSelectProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const update = useMutation(
    trpc.users.update.mutationOptions({
      onSuccess: (_data, variables) => {
        const role = variables.role ?? user.role;
        onNotice({
          tone: "success",
          text: t("users.roleSaved", { name: user.name, role: t(`role.${role}`) }),
        });
      },
      onError: (error) => onNotice({ tone: "error", text: describeError(t, error) }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }),
    }),
  );
  // Show the chosen role while saving; a failed save falls back to the stored one.
  const value = update.isPending ? (update.variables.role ?? user.role) : user.role;

  return (
    <select
      aria-label={t("users.roleFor", { name: user.name })}
      value={value}
      disabled={update.isPending}
      data-testid="user-role-select"
      onChange={(event) => {
        const role = roleSchema.safeParse(event.target.value);
        if (role.success) update.mutate({ userId: user.id, role: role.data });
      }}
      className={inputClass(false, "h-8 w-40 pr-2")}
    >
      {roleSchema.options.map((role) => (
        <option key={role} value={role}>
          {t(`role.${role}`)}
        </option>
      ))}
    </select>
  );
}
