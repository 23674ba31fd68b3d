"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { Badge, type BadgeTone } from "@/lib/ui/badge";
import { buttonClass } from "@/lib/ui/button-styles";
import { Skeleton } from "@/lib/ui/skeleton";
import { Spinner } from "@/lib/ui/spinner";
import { StepEvidence } from "@/app/(console)/calls/[id]/_components/scripts/step-evidence";

const tone: Record<"PASSED" | "MISSED" | "VIOLATED", BadgeTone> = {
  PASSED: "success",
  MISSED: "warning",
  VIOLATED: "danger",
};

/** The call's script checks: each step passed, missed or violated, with what was heard. */
export function ScriptChecklist({ callId, canRecheck }: { callId: string; canRecheck: boolean }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const scripts = useQuery(trpc.scripts.forCall.queryOptions({ callId }));
  const recheck = useMutation(
    trpc.scripts.recheck.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.scripts.pathKey() }),
    }),
  );
  const time = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
      data-testid="call-script"
      data-state={scripts.data?.state ?? ""}
      aria-labelledby="call-script-heading"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="call-script-heading" className="text-base font-semibold text-slate-900">
          {t("scripts.call.heading")}
        </h2>
        {canRecheck && scripts.data && scripts.data.state !== "noTranscript" ? (
          <button
            type="button"
            onClick={() => recheck.mutate({ callId })}
            disabled={recheck.isPending}
            className={`ml-auto ${buttonClass("secondary", "sm")}`}
            data-testid="script-recheck"
          >
            {recheck.isPending ? <Spinner className="size-4" /> : null}
            {t("scripts.call.recheck")}
          </button>
        ) : null}
      </div>
      {recheck.isError ? <Alert>{describeError(t, recheck.error)}</Alert> : null}
      {scripts.isPending ? (
        <Skeleton className="h-20 w-full" />
      ) : scripts.isError ? (
        <Alert>
          {t("quality.loadFailed")}{" "}
          <button
            type="button"
            className="font-medium underline"
            onClick={() => void scripts.refetch()}
          >
            {t("common.retry")}
          </button>
        </Alert>
      ) : scripts.data.state === "noTranscript" ? (
        <p className="text-sm text-slate-600" data-testid="script-no-transcript">
          {t("scripts.call.noTranscript")}
        </p>
      ) : scripts.data.state === "noScript" ? (
        <p className="text-sm text-slate-600" data-testid="script-none">
          {t("scripts.call.noScript")}
        </p>
      ) : (
        scripts.data.checks.map((check) => (
          <div key={check.id} className="space-y-2" data-testid="script-check">
            <p className="text-sm text-slate-700">
              <span className="font-medium text-slate-900">{check.scriptName}</span>{" "}
              <span className="text-xs text-slate-500">
                {t("quality.versionLabel", { version: check.version })} ·{" "}
                {t("scripts.call.summary", {
                  passed: check.passed,
                  total: check.steps.length,
                })}{" "}
                · {time.format(check.checkedAt)}
              </span>
            </p>
            <ol className="space-y-2">
              {check.steps.map((step, i) => (
                <li
                  key={step.stepId}
                  className="rounded-lg border border-slate-100 px-3 py-2"
                  data-testid="script-step"
                  data-step={step.stepId}
                  data-status={step.status}
                >
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="text-xs text-slate-500 tabular-nums">{i + 1}.</span>
                    <span className="text-sm font-medium text-slate-900">{step.title}</span>
                    <Badge tone={tone[step.status]}>{t(`scripts.status.${step.status}`)}</Badge>
                    {step.status !== "PASSED" ? (
                      <span className="text-xs text-slate-500">
                        {t(`scripts.reason.${step.reason}`)}
                      </span>
                    ) : null}
                  </div>
                  {step.evidence.length > 0 ? (
                    <ul className="mt-1 space-y-0.5">
                      {step.evidence.map((evidence, j) => (
                        <StepEvidence key={j} evidence={evidence} />
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ol>
          </div>
        ))
      )}
    </section>
  );
}
