"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { Spinner } from "@/lib/ui/spinner";

type ConnectButtonProps = {
  label: string;
  isEnabled: boolean;
  onError: (text: string) => void;
  variant?: "primary" | "secondary";
  testId: string;
  describedBy?: string;
};

// Starts the OAuth round trip: the browser leaves for MTT's sign-in form and comes back to
// /settings/telephony with ?connected=1 or ?error=<code>.
export function ConnectButton({
  label,
  isEnabled,
  onError,
  variant = "primary",
  testId,
  describedBy,
}: ConnectButtonProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [isLeaving, setLeaving] = useState(false);
  const connect = useMutation(
    trpc.integration.connect.mutationOptions({
      onSuccess: ({ authorizeUrl }) => {
        setLeaving(true);
        window.location.assign(authorizeUrl);
      },
      onError: (error) => onError(describeError(t, error)),
    }),
  );

  useEffect(() => {
    // Coming back with the browser's Back button restores this page from the cache as it was.
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) setLeaving(false);
    };
    window.addEventListener("pageshow", onPageShow);
    return () => window.removeEventListener("pageshow", onPageShow);
  }, []);

  const isBusy = connect.isPending || isLeaving;
  return (
    <button
      type="button"
      onClick={() => connect.mutate()}
      disabled={!isEnabled || isBusy}
      aria-busy={isBusy || undefined}
      aria-describedby={describedBy}
      className={buttonClass(variant)}
      data-testid={testId}
    >
      {isBusy ? <Spinner /> : null}
      {isBusy ? t("telephony.connecting") : label}
    </button>
  );
}
