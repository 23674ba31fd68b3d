"use client";

import { useI18n } from "@/lib/i18n/i18n-provider";
import { formatDateTime } from "@/lib/i18n/translate";
import { Badge } from "@/lib/ui/badge";
import type { DeliveryItem } from "@/app/(console)/settings/webhooks/_components/types";

export function DeliveryStatusBadge({ row }: { row: DeliveryItem }) {
  const { t, locale } = useI18n();
  switch (row.status) {
    case "SUCCEEDED":
      return (
        <Badge tone="success" testId="webhook-delivery-status">
          {t("webhooks.deliverySucceeded")}
        </Badge>
      );
    case "FAILED":
      return (
        <Badge tone="danger" testId="webhook-delivery-status">
          {t("webhooks.deliveryFailed")}
        </Badge>
      );
    case "SENDING":
      return (
        <Badge tone="brand" testId="webhook-delivery-status">
          {t("webhooks.deliverySending")}
        </Badge>
      );
    case "PENDING":
      return (
        <span className="space-x-1">
          <Badge tone="warning" testId="webhook-delivery-status">
            {t("webhooks.deliveryPending")}
          </Badge>
          {row.nextAttemptAt ? (
            <span className="text-xs text-slate-500">
              {t("webhooks.nextAttempt", {
                at: formatDateTime(locale, new Date(row.nextAttemptAt)),
              })}
            </span>
          ) : null}
        </span>
      );
  }
}
