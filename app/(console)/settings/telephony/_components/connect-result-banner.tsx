"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { Alert } from "@/lib/ui/alert";
import type { ConnectResult } from "@/app/(console)/settings/telephony/_components/connect-result";

type ConnectResultBannerProps = {
  result: ConnectResult | null;
  /** The integration's stored last error: what the server recorded about this failure. */
  storedError: string | null;
};

// The one-time outcome of MTT's OAuth redirect. It is dropped from the address bar at once
// so that a reload or a bookmark doesn't show it again. Its details are never read from the
// address (anyone can write text there); a refused state is not recorded, so it has none.
export function ConnectResultBanner({ result, storedError }: ConnectResultBannerProps) {
  const { t } = useI18n();
  const pathname = usePathname();
  const [isDismissed, setDismissed] = useState(false);

  useEffect(() => {
    if (result) window.history.replaceState(null, "", pathname);
  }, [result, pathname]);

  if (!result || isDismissed) return null;
  const dismiss = { onDismiss: () => setDismissed(true), dismissLabel: t("common.close") };

  if (result.kind === "connected") {
    return (
      <Alert tone="success" testId="connect-result-success" {...dismiss}>
        <p className="font-medium">{t("telephony.connectedTitle")}</p>
        <p className="mt-0.5">
          {t("telephony.connectedBody")}{" "}
          <Link href="/settings/workplaces" className="font-medium underline">
            {t("telephony.openWorkplaces")}
          </Link>
        </p>
      </Alert>
    );
  }
  const detail = result.code === "state_mismatch" ? null : storedError;
  return (
    <Alert tone="error" testId="connect-result-error" {...dismiss}>
      <p className="font-medium">{t("telephony.connectFailedTitle")}</p>
      <p className="mt-0.5" data-testid="connect-result-message" data-code={result.code}>
        {t(`telephony.connectError.${result.code}`)}
      </p>
      {detail ? (
        <p className="mt-1 text-xs break-words opacity-80" data-testid="connect-result-detail">
          {t("telephony.connectErrorDetail", { detail })}
        </p>
      ) : null}
    </Alert>
  );
}
