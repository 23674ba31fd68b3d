"use client";

import type { ReactNode } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { CopyField } from "@/lib/ui/copy-field";
import { CredentialsForm } from "@/app/(console)/settings/telephony/_components/credentials-form";
import type { Integration, Notice } from "@/app/(console)/settings/telephony/_components/types";

type CredentialsCardProps = { integration: Integration; onNotice: (notice: Notice) => void };

function Step({ number, children }: { number: number; children: ReactNode }) {
  return (
    <li className="flex gap-3">
      <span
        aria-hidden
        className="bg-brand-50 text-brand-700 ring-brand-200 flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ring-1"
      >
        {number}
      </span>
      <div className="min-w-0 flex-1 space-y-2 text-sm text-slate-700">{children}</div>
    </li>
  );
}

export function CredentialsCard({ integration, onNotice }: CredentialsCardProps) {
  const { t } = useI18n();
  return (
    <section
      aria-labelledby="credentials-heading"
      className="rounded-xl border border-slate-200 bg-white"
      data-testid="credentials-card"
    >
      <div className="border-b border-slate-200 px-4 py-4 sm:px-6">
        <h3 id="credentials-heading" className="text-base font-semibold text-slate-900">
          {t("telephony.credentialsTitle")}
        </h3>
        <p className="mt-1 text-sm text-slate-600">{t("telephony.credentialsDescription")}</p>
      </div>
      <div className="grid gap-8 px-4 py-5 sm:px-6 lg:grid-cols-2">
        <ol className="space-y-5" aria-label={t("telephony.stepsLabel")}>
          <Step number={1}>
            <p>{t("telephony.step1")}</p>
          </Step>
          <Step number={2}>
            <p>{t("telephony.step2")}</p>
            <CopyField
              label={t("telephony.redirectUri")}
              value={integration.redirectUri}
              labels={{
                copy: t("common.copy"),
                copied: t("common.copied"),
                failed: t("telephony.copyFailed"),
              }}
              hint={t("telephony.redirectUriHint")}
              testId="redirect-uri"
            />
          </Step>
          <Step number={3}>
            <p>{t("telephony.step3")}</p>
          </Step>
          <Step number={4}>
            <p>{t("telephony.step4")}</p>
          </Step>
        </ol>
        <CredentialsForm integration={integration} onNotice={onNotice} />
      </div>
    </section>
  );
}
