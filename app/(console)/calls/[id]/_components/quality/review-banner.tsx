"use client";

import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useNow } from "@/lib/ui/use-now";
import { Badge } from "@/lib/ui/badge";
import { buttonClass } from "@/lib/ui/button-styles";
import { NextReviewButton } from "@/app/(console)/quality/_components/next-review-button";
import { SkipDialog } from "@/app/(console)/quality/_components/skip-dialog";
import type { QueueItem } from "@/app/(console)/quality/_components/types";

/** Where this call came from in the review queue, with skip and "next call". */
export function ReviewBanner({
  item,
  isDone,
}: {
  item: Omit<QueueItem, "templateName">;
  isDone: boolean;
}) {
  const { t, locale } = useI18n();
  const now = useNow();
  const [skipping, setSkipping] = useState<string | null>(null);
  const isOverdue = item.status === "OPEN" && item.dueAt.getTime() < now;
  return (
    <div
      className="flex flex-wrap items-center gap-3 rounded-lg border border-violet-200 bg-violet-50 px-4 py-3 text-sm"
      data-testid="review-banner"
      data-status={item.status}
    >
      <span className="font-medium text-violet-900">
        {t("quality.review.fromQueue", { rule: item.rule?.name ?? t("quality.review.manual") })}
      </span>
      <span className="text-violet-800">
        {t("quality.review.due", {
          date: new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(item.dueAt),
        })}
      </span>
      {isOverdue ? <Badge tone="danger">{t("quality.queue.overdue")}</Badge> : null}
      {item.status !== "OPEN" || isDone ? (
        <Badge tone="success">{t(`quality.queue.status.${isDone ? "DONE" : item.status}`)}</Badge>
      ) : null}
      <span className="ml-auto flex flex-wrap gap-2">
        {item.status === "OPEN" && !isDone ? (
          <button
            type="button"
            onClick={() => setSkipping(item.id)}
            className={buttonClass("secondary", "sm")}
            data-testid="review-skip"
          >
            {t("quality.skip.action")}
          </button>
        ) : null}
        <NextReviewButton variant={isDone ? "primary" : "secondary"} />
      </span>
      <SkipDialog itemId={skipping} onClose={() => setSkipping(null)} />
    </div>
  );
}
