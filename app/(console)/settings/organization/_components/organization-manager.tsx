"use client";

import { useQuery } from "@tanstack/react-query";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { Skeleton } from "@/lib/ui/skeleton";
import { OrganizationForm } from "@/app/(console)/settings/organization/_components/organization-form";

export function OrganizationManager() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const tenant = useQuery(trpc.tenant.get.queryOptions());

  if (tenant.error) {
    return (
      <div className="max-w-2xl space-y-3">
        <Alert testId="org-load-error">
          {t("org.loadFailed")} {describeError(t, tenant.error)}
        </Alert>
        <button
          type="button"
          className={buttonClass("secondary")}
          onClick={() => void tenant.refetch()}
        >
          {t("common.retry")}
        </button>
      </div>
    );
  }
  if (!tenant.data) {
    return (
      <div className="max-w-2xl space-y-4" aria-busy="true" aria-label={t("common.loading")}>
        <Skeleton className="h-6 w-48" />
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  }
  return <OrganizationForm tenant={tenant.data} />;
}
