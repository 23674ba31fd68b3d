"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { formatDateTime } from "@/lib/i18n/translate";
import { formatRelativeTime } from "@/lib/ui/relative-time";
import { useNow } from "@/lib/ui/use-now";

type LastErrorNoteProps = { message: string; at: Date | null };

// The integration's last failure as recorded by the server (a failed sign-in, sync or refresh).
export function LastErrorNote({ message, at }: LastErrorNoteProps) {
  const { t, locale } = useI18n();
  const now = useNow();
  return (
    <div
      className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
      data-testid="health-error"
    >
      <p className="font-medium">
        {t("telephony.lastError")}
        {at ? (
          <>
            {" · "}
            <time
              dateTime={at.toISOString()}
              title={formatDateTime(locale, at)}
              className="font-normal"
            >
              {formatRelativeTime(locale, at, now)}
            </time>
          </>
        ) : null}
      </p>
      <p className="mt-0.5 break-words">{message}</p>
    </div>
  );
}
