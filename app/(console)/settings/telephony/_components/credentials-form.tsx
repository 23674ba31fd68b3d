"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { translateFieldError } from "@/lib/i18n/field-error";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError, getFieldErrors } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { focusFirstError } from "@/lib/ui/focus-first-error";
import { TextField } from "@/lib/ui/text-field";
import { AdvancedFields } from "@/app/(console)/settings/telephony/_components/advanced-fields";
import { ConnectButton } from "@/app/(console)/settings/telephony/_components/connect-button";
import {
  type CredentialValues,
  validateCredentials,
} from "@/app/(console)/settings/telephony/_components/credentials-values";
import type { Integration, Notice } from "@/app/(console)/settings/telephony/_components/types";

const FIELDS = ["clientId", "clientSecret", "apiUrl", "oauthUrl"] as const;
type FieldErrors = Partial<Record<(typeof FIELDS)[number], string>>;

type CredentialsFormProps = { integration: Integration; onNotice: (notice: Notice) => void };

export function CredentialsForm({ integration, onNotice }: CredentialsFormProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const connectHintId = useId();
  const advancedRef = useRef<HTMLDetailsElement>(null);
  const [values, setValues] = useState<CredentialValues>({
    clientId: integration.clientId ?? "",
    clientSecret: "",
    apiUrl: integration.apiUrl,
    oauthUrl: integration.oauthUrl,
  });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const save = useMutation(trpc.integration.saveCredentials.mutationOptions());

  const isDirty =
    values.clientId.trim() !== (integration.clientId ?? "") ||
    values.clientSecret !== "" ||
    values.apiUrl.trim() !== integration.apiUrl ||
    values.oauthUrl.trim() !== integration.oauthUrl;
  const hasSaved = Boolean(integration.clientId && integration.hasSecret);
  const canConnect = hasSaved && !isDirty;
  const isLinked = integration.status === "CONNECTED" || integration.status === "NEEDS_REAUTH";
  // Connecting is the next step unless a healthy connection exists already.
  const isConnectNext =
    canConnect && (integration.status !== "CONNECTED" || integration.refreshLapsesSoon);

  const change = (field: keyof CredentialValues) => (value: string) =>
    setValues((current) => ({ ...current, [field]: value }));

  function showErrors(form: HTMLFormElement, errors: FieldErrors) {
    setFieldErrors(errors);
    // The advanced fields sit in a closed disclosure: open it so the error can get focus.
    if ((errors.apiUrl || errors.oauthUrl) && advancedRef.current) advancedRef.current.open = true;
    focusFirstError(form, FIELDS, errors);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const checked = validateCredentials(values, integration.hasSecret);
    if (!checked.success) {
      showErrors(form, {
        clientId: translateFieldError(t, checked.errors.clientId),
        clientSecret: translateFieldError(t, checked.errors.clientSecret),
        apiUrl: translateFieldError(t, checked.errors.apiUrl),
        oauthUrl: translateFieldError(t, checked.errors.oauthUrl),
      });
      return;
    }
    setFieldErrors({});
    const { data } = checked;
    save.mutate(data, {
      onSuccess: () => {
        // Show what was stored (trimmed, no trailing slash) so the form isn't "changed" after.
        setValues({
          clientId: data.clientId,
          clientSecret: "",
          apiUrl: data.apiUrl ?? values.apiUrl,
          oauthUrl: data.oauthUrl ?? values.oauthUrl,
        });
        onNotice({
          tone: "success",
          text: isLinked ? t("telephony.savedReauth") : t("telephony.savedConnect"),
        });
        void queryClient.invalidateQueries({ queryKey: trpc.integration.get.queryKey() });
      },
      onError: (error) => {
        const errors = getFieldErrors(error);
        // The server's own refusals (the host policy, a new OAuth address) read as sentences.
        const translate = (code: string | undefined) =>
          code === "private_address"
            ? t("telephony.privateAddress")
            : code === "secret_required"
              ? t("telephony.secretRequired")
              : translateFieldError(t, code);
        showErrors(form, {
          clientId: translate(errors.clientId?.[0]),
          clientSecret: translate(errors.clientSecret?.[0]),
          apiUrl: translate(errors.apiUrl?.[0]),
          oauthUrl: translate(errors.oauthUrl?.[0]),
        });
      },
    });
  }

  const hasFieldErrors = Object.values(fieldErrors).some(Boolean);
  const connectHint = !hasSaved
    ? t("telephony.connectNeedsSave")
    : isDirty
      ? t("telephony.connectNeedsSaveChanges")
      : null;

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="space-y-4 lg:border-l lg:border-slate-100 lg:pl-8"
      data-testid="credentials-form"
    >
      {save.error && !hasFieldErrors ? <Alert>{describeError(t, save.error)}</Alert> : null}
      <TextField
        label={t("telephony.clientId")}
        name="clientId"
        autoComplete="off"
        spellCheck={false}
        required
        value={values.clientId}
        onChange={(event) => change("clientId")(event.target.value)}
        error={fieldErrors.clientId}
        data-testid="client-id"
      />
      <TextField
        label={t("telephony.clientSecret")}
        name="clientSecret"
        type="password"
        // "new-password" keeps browsers from filling in the admin's own Pult password.
        autoComplete="new-password"
        spellCheck={false}
        required={!integration.hasSecret}
        placeholder={integration.hasSecret ? t("telephony.secretStored") : undefined}
        hint={integration.hasSecret ? t("telephony.secretKeepHint") : t("telephony.secretHint")}
        value={values.clientSecret}
        onChange={(event) => change("clientSecret")(event.target.value)}
        error={fieldErrors.clientSecret}
        data-testid="client-secret"
      />
      <AdvancedFields
        ref={advancedRef}
        apiUrl={values.apiUrl}
        oauthUrl={values.oauthUrl}
        errors={fieldErrors}
        onChange={(field, value) => change(field)(value)}
      />
      <div className="flex flex-col gap-2 pt-1 sm:flex-row sm:flex-wrap">
        <button
          type="submit"
          disabled={save.isPending}
          className={buttonClass(canConnect ? "secondary" : "primary")}
          data-testid="credentials-save"
        >
          {save.isPending ? t("telephony.saving") : t("telephony.save")}
        </button>
        <ConnectButton
          label={isLinked ? t("telephony.reauthorize") : t("telephony.connect")}
          isEnabled={canConnect}
          variant={isConnectNext ? "primary" : "secondary"}
          onError={(text) => onNotice({ tone: "error", text })}
          describedBy={connectHint ? connectHintId : undefined}
          testId="connect-button"
        />
      </div>
      {connectHint ? (
        <p id={connectHintId} className="text-xs text-slate-500" data-testid="connect-hint">
          {connectHint}
        </p>
      ) : null}
    </form>
  );
}
