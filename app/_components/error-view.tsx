"use client";

import { useEffect } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { buttonClass } from "@/lib/ui/button-styles";
import { Icon } from "@/lib/ui/icon";

type ErrorViewProps = { error: unknown; retry: () => void };

// Shown by error.tsx boundaries. Server errors reach the browser only as a digest that
// matches the server log, so that is all we show.
export function ErrorView({ error, retry }: ErrorViewProps) {
  const { t } = useI18n();
  const digest =
    error instanceof Error && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : null;

  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <section
      role="alert"
      data-testid="error-view"
      className="mx-auto flex max-w-lg flex-col items-center rounded-xl border border-slate-200 bg-white px-6 py-12 text-center"
    >
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-red-50 text-red-700">
        <Icon name="alert" className="size-6" />
      </div>
      <h1 className="text-lg font-semibold text-slate-900">{t("errorPage.title")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("errorPage.body")}</p>
      {digest ? (
        <p className="mt-2 font-mono text-xs text-slate-500">
          {t("errorPage.reference", { digest })}
        </p>
      ) : null}
      <button type="button" onClick={retry} className={buttonClass("primary", "md", "mt-6")}>
        {t("common.retry")}
      </button>
    </section>
  );
}
