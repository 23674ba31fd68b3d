"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import {
  callDirections,
  saveSpeechSettingsInput,
  speechBackends,
  type SaveSpeechSettingsInput,
} from "@/lib/schemas/speech";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError, getFieldErrors } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { PageHeader } from "@/lib/ui/page-header";
import { Skeleton } from "@/lib/ui/skeleton";
import { Spinner } from "@/lib/ui/spinner";
import { TextField } from "@/lib/ui/text-field";
import { speechFieldError } from "@/app/(console)/settings/speech/_components/speech-errors";

type Errors = Partial<Record<keyof SaveSpeechSettingsInput, string>>;

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** Settings → Speech: the backend, its address and key (write-only), model, language, filter. */
export function SpeechSettingsForm() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.transcripts.settings.queryOptions());
  const save = useMutation(trpc.transcripts.saveSettings.mutationOptions());
  const test = useMutation(trpc.transcripts.testConnection.mutationOptions());
  const [errors, setErrors] = useState<Errors>({});
  const [backend, setBackend] = useState<string | null>(null);
  const [endpoint, setEndpoint] = useState<string | null>(null);
  const [isSaved, setSaved] = useState(false);

  if (settings.isPending) return <Skeleton className="h-96 w-full" />;
  if (settings.isError) return <Alert>{describeError(t, settings.error)}</Alert>;
  const data = settings.data;
  const chosen = backend ?? data.backend;
  const endpointValue = endpoint ?? data.endpoint ?? "";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const apiKey = text(form, "apiKey");
    const parsed = saveSpeechSettingsInput.safeParse({
      backend: chosen,
      endpoint: endpointValue,
      apiKey: form.get("removeKey") === "on" ? "" : apiKey ? apiKey : undefined,
      model: text(form, "model"),
      language: text(form, "language"),
      answeredOnly: form.get("answeredOnly") === "on",
      minTalkSec: text(form, "minTalkSec"),
      directions: form.getAll("directions"),
    });
    setSaved(false);
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as keyof SaveSpeechSettingsInput;
        next[key] ??= speechFieldError(t, issue.message);
      }
      return setErrors(next);
    }
    setErrors({});
    const formElement = event.currentTarget;
    save.mutate(parsed.data, {
      onSuccess: (saved) => {
        setSaved(true);
        formElement.reset();
        queryClient.setQueryData(trpc.transcripts.settings.queryKey(), saved);
      },
      onError: (error) => {
        const fields = getFieldErrors(error);
        setErrors({
          endpoint: speechFieldError(t, fields.endpoint?.[0]),
          backend: speechFieldError(t, fields.backend?.[0]),
        });
      },
    });
  }

  return (
    <div className="space-y-4">
      <PageHeader title={t("speech.title")} description={t("speech.intro")} />
      <form
        onSubmit={onSubmit}
        noValidate
        className="max-w-2xl space-y-5 rounded-xl border border-slate-200 bg-white p-4"
        data-testid="speech-form"
      >
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">{t("speech.backend")}</legend>
          <div className="flex flex-wrap gap-4">
            {speechBackends.map((value) => (
              <label key={value} className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="radio"
                  name="backend"
                  value={value}
                  checked={chosen === value}
                  onChange={() => setBackend(value)}
                  className="accent-brand-600 size-4"
                  data-testid={`speech-backend-${value}`}
                />
                {t(`speech.backend.${value}`)}
              </label>
            ))}
          </div>
          {errors.backend ? <p className="text-sm text-red-700">{errors.backend}</p> : null}
        </fieldset>
        {chosen === "OPENAI" ? (
          <div className="space-y-4">
            <div className="space-y-1">
              <TextField
                label={t("speech.endpoint")}
                name="endpoint"
                value={endpointValue}
                onChange={(e) => setEndpoint(e.target.value)}
                error={errors.endpoint}
                hint={t("speech.endpointHint")}
                placeholder="https://api.openai.com"
              />
              {data.simulatorUrl ? (
                <p className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                  {t("speech.simulatorHint", { url: data.simulatorUrl })}
                  <button
                    type="button"
                    className="text-brand-700 font-medium hover:underline"
                    onClick={() => setEndpoint(data.simulatorUrl ?? "")}
                  >
                    {t("speech.useSimulator")}
                  </button>
                </p>
              ) : null}
            </div>
            <div className="space-y-1">
              <TextField
                label={t("speech.apiKey")}
                name="apiKey"
                type="password"
                autoComplete="off"
                error={errors.apiKey}
                hint={data.hasApiKey ? t("speech.apiKeySet") : t("speech.apiKeyUnset")}
                data-testid="speech-api-key"
              />
              {data.hasApiKey ? (
                <label className="flex items-center gap-2 text-xs text-slate-600">
                  <input type="checkbox" name="removeKey" className="accent-brand-600 size-4" />
                  {t("speech.apiKeyRemove")}
                </label>
              ) : null}
            </div>
          </div>
        ) : null}
        {chosen === "LOCAL" ? (
          <p className="text-sm text-slate-700" data-testid="speech-local-model">
            {data.localModel === null
              ? t("speech.localMissing")
              : data.localModel.error !== null
                ? t("speech.localError", { error: data.localModel.error })
                : t("speech.localModel", { name: data.localModel.name ?? "" })}
          </p>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t("speech.model")}
            name="model"
            defaultValue={data.model}
            error={errors.model}
          />
          <TextField
            label={t("speech.language")}
            name="language"
            defaultValue={data.language}
            error={errors.language}
            hint={t("speech.languageHint")}
          />
        </div>
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-slate-800">{t("speech.which")}</legend>
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              name="answeredOnly"
              defaultChecked={data.answeredOnly}
              className="accent-brand-600 size-4"
            />
            {t("speech.answeredOnly")}
          </label>
          <TextField
            label={t("speech.minTalk")}
            name="minTalkSec"
            type="number"
            min={0}
            max={3600}
            defaultValue={data.minTalkSec}
            error={errors.minTalkSec}
            className="max-w-xs"
          />
          <div className="space-y-1">
            <p className="text-sm text-slate-800">{t("speech.directions")}</p>
            <div className="flex flex-wrap gap-4">
              {callDirections.map((direction) => (
                <label key={direction} className="flex items-center gap-2 text-sm text-slate-800">
                  <input
                    type="checkbox"
                    name="directions"
                    value={direction}
                    defaultChecked={data.directions.includes(direction)}
                    className="accent-brand-600 size-4"
                  />
                  {t(`speech.direction.${direction}`)}
                </label>
              ))}
            </div>
            {errors.directions ? <p className="text-sm text-red-700">{errors.directions}</p> : null}
          </div>
          <p className="text-xs text-slate-500">{t("speech.costHint")}</p>
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={buttonClass("primary")} disabled={save.isPending}>
            {save.isPending ? <Spinner className="size-4" /> : null}
            {t("speech.save")}
          </button>
          <button
            type="button"
            className={buttonClass("secondary")}
            disabled={test.isPending || data.backend === "OFF"}
            onClick={() => test.mutate()}
            data-testid="speech-test"
          >
            {test.isPending ? <Spinner className="size-4" /> : null}
            {t("speech.test")}
          </button>
          {isSaved ? (
            <span className="text-sm text-emerald-700" role="status">
              {t("speech.saved")}
            </span>
          ) : null}
        </div>
        {save.isError && !errors.endpoint && !errors.backend ? (
          <Alert>{describeError(t, save.error)}</Alert>
        ) : null}
        {test.data ? (
          <Alert tone={test.data.ok ? "success" : "error"} testId="speech-test-result">
            {test.data.ok
              ? t("speech.testOk", { ms: test.data.ms, message: test.data.message })
              : t("speech.testFailed", { message: test.data.message })}
          </Alert>
        ) : null}
        {test.isError ? <Alert>{describeError(t, test.error)}</Alert> : null}
      </form>
    </div>
  );
}
