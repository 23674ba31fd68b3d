"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { describeError } from "@/lib/ui/app-error";
import { Badge, type BadgeTone } from "@/lib/ui/badge";
import { buttonClass } from "@/lib/ui/button-styles";
import type { Notice } from "@/lib/ui/notice-region";
import { formatRelativeTime } from "@/lib/ui/relative-time";
import { RevokeKeyDialog } from "@/app/(console)/settings/api-keys/_components/revoke-key-dialog";
import {
  keyState,
  type ApiKeyRow,
  type ApiKeyState,
} from "@/app/(console)/settings/api-keys/_components/types";

const td = "px-4 py-3 align-top max-md:block max-md:py-1";
const stateTone: Record<ApiKeyState, BadgeTone> = {
  active: "success",
  revoked: "neutral",
  expired: "warning",
};
const stateLabel = {
  active: "apiKeys.statusActive",
  revoked: "apiKeys.statusRevoked",
  expired: "apiKeys.statusExpired",
} as const;

type RowProps = { apiKey: ApiKeyRow; now: number; onNotice: (notice: Notice) => void };

export function ApiKeyTableRow({ apiKey, now, onNotice }: RowProps) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [isConfirmOpen, setConfirmOpen] = useState(false);
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions());
  const state = keyState(apiKey, now);
  const date = (value: Date) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(value);

  function confirmRevoke() {
    revoke.mutate(
      { apiKeyId: apiKey.id },
      {
        onSuccess: () => {
          setConfirmOpen(false);
          onNotice({ tone: "success", text: t("apiKeys.revoked", { name: apiKey.name }) });
          void queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
        },
        onError: (error) => {
          setConfirmOpen(false);
          onNotice({
            tone: "error",
            text: `${t("apiKeys.revokeFailed")} ${describeError(t, error)}`,
          });
        },
      },
    );
  }

  return (
    <tr className="max-md:block max-md:px-0 max-md:py-3" data-testid="api-key-row">
      <td className={td}>
        <div className="font-medium text-slate-900" data-testid="api-key-name">
          {apiKey.name}
        </div>
        <code className="font-mono text-xs text-slate-500" data-testid="api-key-prefix">
          {apiKey.prefix}…
        </code>
      </td>
      <td className={`${td} text-slate-700`}>
        <div>{date(apiKey.createdAt)}</div>
        <div className="text-xs text-slate-500">
          {apiKey.createdBy
            ? t("apiKeys.createdBy", { name: apiKey.createdBy.name })
            : t("apiKeys.createdByEnv")}
        </div>
      </td>
      <td className={`${td} text-slate-700`} data-testid="api-key-last-used">
        <span className="mr-1 text-xs text-slate-500 md:hidden">{t("apiKeys.colLastUsed")}:</span>
        {apiKey.lastUsedAt ? (
          <time
            dateTime={apiKey.lastUsedAt.toISOString()}
            title={apiKey.lastUsedAt.toLocaleString(locale)}
          >
            {formatRelativeTime(locale, apiKey.lastUsedAt, now)}
          </time>
        ) : (
          t("apiKeys.never")
        )}
      </td>
      <td className={`${td} text-slate-700`}>
        <span className="mr-1 text-xs text-slate-500 md:hidden">{t("apiKeys.colExpires")}:</span>
        {apiKey.expiresAt ? date(apiKey.expiresAt) : t("apiKeys.noExpiry")}
      </td>
      <td className={td}>
        <Badge tone={stateTone[state]} testId="api-key-status">
          {t(stateLabel[state])}
        </Badge>
      </td>
      <td className={`${td} text-right max-md:text-left`}>
        {state === "revoked" ? null : (
          <button
            type="button"
            onClick={() => setConfirmOpen(true)}
            className={buttonClass("secondary", "sm")}
            aria-label={t("apiKeys.revokeLabel", { name: apiKey.name })}
            data-testid="api-key-revoke"
          >
            {t("apiKeys.revoke")}
          </button>
        )}
        <RevokeKeyDialog
          isOpen={isConfirmOpen}
          name={apiKey.name}
          isPending={revoke.isPending}
          onConfirm={confirmRevoke}
          onClose={() => setConfirmOpen(false)}
        />
      </td>
    </tr>
  );
}
