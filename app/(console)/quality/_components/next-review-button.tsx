"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { Spinner } from "@/lib/ui/spinner";

/** Opens the reviewer's most urgent call from the queue, or says the queue is empty. */
export function NextReviewButton({ variant = "primary" }: { variant?: "primary" | "secondary" }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [state, setState] = useState<"idle" | "loading" | "empty" | { error: unknown }>("idle");
  const go = async () => {
    setState("loading");
    try {
      const next = await queryClient.fetchQuery({
        ...trpc.quality.next.queryOptions(),
        staleTime: 0,
      });
      if (!next) return setState("empty");
      router.push(`/calls/${next.callId}?review=${next.itemId}`);
    } catch (error) {
      setState({ error });
    }
  };
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={() => void go()}
        disabled={state === "loading"}
        className={buttonClass(variant)}
        data-testid="next-review"
      >
        {state === "loading" ? <Spinner className="size-4" /> : null}
        {t("quality.queue.next")}
      </button>
      {state === "empty" ? (
        <span className="text-sm text-slate-600" role="status" data-testid="queue-empty-note">
          {t("quality.queue.nothingLeft")}
        </span>
      ) : typeof state === "object" ? (
        <span className="text-sm text-red-700" role="alert">
          {describeError(t, state.error)}
        </span>
      ) : null}
    </span>
  );
}
