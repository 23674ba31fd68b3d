"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { Alert } from "@/lib/ui/alert";

export type Notice = { tone: "success" | "error"; text: string };

type NoticeRegionProps = { notice: Notice | null; onDismiss?: () => void; testId: string };

/** The result of the last action. Always mounted, so screen readers hear each new notice. */
export function NoticeRegion({ notice, onDismiss, testId }: NoticeRegionProps) {
  const { t } = useI18n();
  return (
    <div aria-live="polite" data-testid={testId} className="empty:hidden">
      {notice ? (
        <Alert
          tone={notice.tone}
          testId={`${testId}-${notice.tone}`}
          onDismiss={onDismiss}
          dismissLabel={onDismiss ? t("common.close") : undefined}
        >
          {notice.text}
        </Alert>
      ) : null}
    </div>
  );
}
