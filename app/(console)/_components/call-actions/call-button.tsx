"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { cn } from "@/lib/ui/cn";
import { formatPhone } from "@/lib/ui/format-phone";
import { Icon } from "@/lib/ui/icon";
import { Spinner } from "@/lib/ui/spinner";
import { describeFailure } from "@/app/(console)/_components/call-actions/failure-text";

type CallButtonProps = {
  phone: string;
  clientId?: string;
  taskId?: string;
  /** "callBack" on task lists; "call" elsewhere. */
  label?: "call" | "callBack";
  size?: "sm" | "md";
  onPlaced?: () => void;
};

type Outcome = { tone: "success" | "error"; text: string };
const OUTCOME_VISIBLE_MS = 8_000;

/**
 * Click-to-call: the PBX rings the user's own phone first, then dials `phone`. Disabled, with
 * the reason, when the user has no workplace to ring.
 */
export function CallButton({
  phone,
  clientId,
  taskId,
  label = "call",
  size = "sm",
  onPlaced,
}: CallButtonProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const hintId = useId();
  const status = useQuery(trpc.control.status.queryOptions(undefined, { staleTime: 60_000 }));
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const number = formatPhone(phone);
  const call = useMutation(
    trpc.control.makeCall.mutationOptions({
      onSuccess: (result) => {
        if (result.ok) {
          setOutcome({ tone: "success", text: t("callActions.placed", { number }) });
          onPlaced?.();
        } else {
          setOutcome({ tone: "error", text: describeFailure(t, result.reason) });
        }
      },
      onError: (error) => setOutcome({ tone: "error", text: describeError(t, error) }),
    }),
  );

  useEffect(() => {
    if (!outcome) return;
    const timer = window.setTimeout(() => setOutcome(null), OUTCOME_VISIBLE_MS);
    return () => window.clearTimeout(timer);
  }, [outcome]);

  const hasNoWorkplace = status.data !== undefined && status.data.workplace === null;
  const isDisabled = call.isPending || hasNoWorkplace || status.isPending;
  return (
    <div className="inline-flex flex-col items-start gap-1">
      <span title={hasNoWorkplace ? t("callActions.noWorkplaceHint") : undefined}>
        <button
          type="button"
          data-testid="call-button"
          className={buttonClass(label === "callBack" ? "primary" : "secondary", size)}
          disabled={isDisabled}
          aria-describedby={hasNoWorkplace ? hintId : undefined}
          aria-label={label === "call" ? t("callActions.callNumber", { number }) : undefined}
          onClick={() => {
            setOutcome(null);
            call.mutate({ phone, clientId, taskId });
          }}
        >
          {call.isPending ? <Spinner /> : <Icon name="phoneOutgoing" />}
          {call.isPending
            ? t("callActions.calling")
            : t(label === "callBack" ? "callActions.callBack" : "callActions.call")}
        </button>
      </span>
      {hasNoWorkplace ? (
        <span id={hintId} className="sr-only">
          {t("callActions.noWorkplaceHint")}
        </span>
      ) : null}
      <p
        role="status"
        data-testid="call-button-status"
        className={cn(
          "max-w-xs text-xs empty:hidden",
          outcome?.tone === "error" ? "text-red-700" : "text-emerald-700",
        )}
      >
        {outcome?.text}
      </p>
    </div>
  );
}
