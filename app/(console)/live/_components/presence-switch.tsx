"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { describeError } from "@/lib/ui/app-error";
import { cn } from "@/lib/ui/cn";
import type { Presence } from "@/app/(console)/live/_components/types";

const options: Presence[] = ["AVAILABLE", "BREAK", "OFFLINE"];

type PresenceSwitchProps = { current: Presence | null };

// The signed-in user's own status. The board learns the result through managers:updated;
// until then the pressed button shows what was asked for.
export function PresenceSwitch({ current }: PresenceSwitchProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [requested, setRequested] = useState<Presence | null>(null);
  const setPresence = useMutation(
    trpc.calls.setPresence.mutationOptions({
      onSuccess: (result) => setRequested(result.presence),
      onError: () => setRequested(null),
    }),
  );
  const shown = setPresence.isPending ? setPresence.variables.presence : (requested ?? current);

  return (
    <div className="space-y-2">
      <div
        role="group"
        aria-label={t("live.myStatus")}
        className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 shadow-sm"
        data-testid="presence-switch"
      >
        {options.map((presence) => (
          <button
            key={presence}
            type="button"
            aria-pressed={shown === presence}
            disabled={setPresence.isPending}
            onClick={() => setPresence.mutate({ presence })}
            data-testid={`presence-${presence}`}
            className={cn(
              "rounded px-3 py-1 text-sm font-medium",
              shown === presence ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100",
            )}
          >
            {t(`live.status.${presence}`)}
          </button>
        ))}
      </div>
      {setPresence.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {t("live.presenceFailed")} {describeError(t, setPresence.error)}
        </p>
      ) : null}
    </div>
  );
}
