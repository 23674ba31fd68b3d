"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { testRoutingInput } from "@/lib/schemas/routing";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError } from "@/lib/ui/app-error";
import { formatPhone } from "@/lib/ui/format-phone";
import { buttonClass } from "@/lib/ui/button-styles";
import { inputClass } from "@/lib/ui/input-styles";
import { TextField } from "@/lib/ui/text-field";
import { RoutingSteps } from "@/app/(console)/routing/_components/routing-steps";
import type { NumberOption } from "@/app/(console)/routing/_components/types";

export function TestPanel({
  numbers,
  timeZone,
}: {
  numbers: readonly NumberOption[];
  timeZone: string;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const id = useId();
  const run = useMutation(trpc.routing.test.mutationOptions());
  const [caller, setCaller] = useState("");
  const [dialed, setDialed] = useState(numbers[0]?.e164 ?? "");
  const [at, setAt] = useState("");
  const [errors, setErrors] = useState<{ caller?: string; at?: string }>({});

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = testRoutingInput.safeParse({ caller, dialed, at });
    if (!parsed.success) {
      const fields = new Set(parsed.error.issues.map((i) => String(i.path[0])));
      setErrors({
        caller: fields.has("caller") ? t("routing.error.phone") : undefined,
        at: fields.has("at") ? t("routing.error.date") : undefined,
      });
      return;
    }
    setErrors({});
    run.mutate(parsed.data);
  }

  const trace = run.data;
  const target = trace?.target;
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-5"
      data-testid="routing-test"
    >
      <div>
        <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
          {t("routing.test.title")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("routing.test.body")}</p>
      </div>
      <form
        onSubmit={onSubmit}
        noValidate
        className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4 lg:items-start"
      >
        <TextField
          label={t("routing.test.caller")}
          name="caller"
          type="tel"
          inputMode="tel"
          placeholder="+7 900 123-45-67"
          value={caller}
          onChange={(e) => setCaller(e.target.value)}
          error={errors.caller}
          data-testid="routing-test-caller"
        />
        <div>
          <label htmlFor={`${id}-dialed`} className="mb-1 block text-sm font-medium text-slate-800">
            {t("routing.test.dialed")}
          </label>
          <select
            id={`${id}-dialed`}
            value={dialed}
            onChange={(e) => setDialed(e.target.value)}
            className={inputClass()}
            data-testid="routing-test-dialed"
          >
            <option value="">{t("routing.test.anyNumber")}</option>
            {numbers.map((n) => (
              <option key={n.e164} value={n.e164}>
                {n.e164}
                {n.label ? ` — ${n.label}` : ""}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label={t("routing.test.at", { timeZone })}
          name="at"
          type="datetime-local"
          value={at}
          onChange={(e) => setAt(e.target.value)}
          error={errors.at}
          hint={t("routing.test.atHint")}
          data-testid="routing-test-at"
        />
        <div className="lg:pt-6">
          <button
            type="submit"
            disabled={run.isPending}
            className={buttonClass("primary", "md", "w-full")}
            data-testid="routing-test-run"
          >
            {run.isPending ? t("routing.test.running") : t("routing.test.run")}
          </button>
        </div>
      </form>
      {run.error ? (
        <Alert>
          {t("routing.test.failed")} {describeError(t, run.error)}
        </Alert>
      ) : null}
      {trace ? (
        <div
          aria-live="polite"
          className="rounded-lg bg-slate-50 p-4"
          data-testid="routing-test-result"
        >
          <h3 className="text-sm font-semibold text-slate-900">{t("routing.test.result")}</h3>
          <p className="mt-1 text-sm text-slate-800" data-testid="routing-test-outcome">
            {trace.outcome === "TRANSFER_WORKPLACE" && target?.kind === "workplace"
              ? t("routing.outcome.TRANSFER_WORKPLACE", { name: target.name })
              : trace.outcome === "TRANSFER_NUMBER" && target?.kind === "number"
                ? t("routing.outcome.TRANSFER_NUMBER", { number: formatPhone(target.number) })
                : t("routing.outcome.RELEASE")}
          </p>
          <p className="text-sm text-slate-600" data-testid="routing-test-rule">
            {trace.ruleName
              ? t("routing.test.matched", { name: trace.ruleName })
              : t("routing.test.noMatch")}
          </p>
          <RoutingSteps
            t={t}
            variant="list"
            steps={trace.steps}
            className="mt-3"
            testId="routing-test-steps"
          />
        </div>
      ) : null}
    </section>
  );
}
