"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import type { CallerCondition } from "@/lib/schemas/routing";
import { useTRPC } from "@/lib/trpc/react";
import { Alert } from "@/lib/ui/alert";
import { describeError, getFieldErrors } from "@/lib/ui/app-error";
import { buttonClass } from "@/lib/ui/button-styles";
import { Dialog } from "@/lib/ui/dialog";
import { Icon } from "@/lib/ui/icon";
import { inputClass } from "@/lib/ui/input-styles";
import { TextField } from "@/lib/ui/text-field";
import { ActionFields, blankAction } from "@/app/(console)/routing/_components/action-fields";
import {
  bodyFromDraft,
  draftFromBody,
  errorsUnder,
  type DraftErrors,
  type RuleDraft,
} from "@/app/(console)/routing/_components/rule-draft";
import type {
  NumberOption,
  RuleView,
  WorkplaceOption,
} from "@/app/(console)/routing/_components/types";

const CALLER_KINDS: Array<CallerCondition["kind"]> = [
  "any",
  "known",
  "unknown",
  "vip",
  "tag",
  "prefix",
];
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const MAX_FALLBACKS = 10;

type Props = {
  rule: RuleView | null;
  onClose: () => void;
  onSaved: (name: string) => void;
  workplaces: readonly WorkplaceOption[];
  numbers: readonly NumberOption[];
  timeZone: string;
};

/** Create (rule = null) or edit a rule. Mounted only while open, so state starts fresh. */
export function RuleEditorDialog({ rule, onClose, onSaved, workplaces, numbers, timeZone }: Props) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [draft, setDraft] = useState<RuleDraft>(() => draftFromBody(rule));
  const [errors, setErrors] = useState<DraftErrors>({});
  const create = useMutation(trpc.routing.create.mutationOptions());
  const update = useMutation(trpc.routing.update.mutationOptions());
  const mutation = rule ? update : create;
  const set = (patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...patch }));

  function focusFirst(form: HTMLFormElement) {
    requestAnimationFrame(() => form.querySelector<HTMLElement>("[aria-invalid='true']")?.focus());
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const result = bodyFromDraft(t, draft);
    if (!result.ok) {
      setErrors(result.errors);
      focusFirst(form);
      return;
    }
    setErrors({});
    const done = {
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.routing.list.queryKey() });
        onSaved(result.body.name);
      },
      onError: (error: unknown) => {
        const fields = getFieldErrors(error);
        const mapped: DraftErrors = {};
        for (const [key, messages] of Object.entries(fields)) mapped[key] = messages?.[0];
        setErrors(mapped);
      },
    };
    if (rule) update.mutate({ ruleId: rule.id, ...result.body }, done);
    else create.mutate(result.body, done);
  }

  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <Dialog
      isOpen
      onClose={onClose}
      closeLabel={t("common.close")}
      title={rule ? t("routing.editor.editTitle") : t("routing.editor.createTitle")}
      description={t("routing.editor.body")}
      testId="rule-editor"
    >
      <form onSubmit={onSubmit} noValidate className="space-y-5" data-testid="rule-editor-form">
        {hasErrors ? <Alert>{t("routing.error.invalid")}</Alert> : null}
        {mutation.error && !hasErrors ? <Alert>{describeError(t, mutation.error)}</Alert> : null}
        <TextField
          label={t("routing.editor.name")}
          name="name"
          value={draft.name}
          maxLength={120}
          onChange={(e) => set({ name: e.target.value })}
          error={errors.name}
          aria-invalid={errors.name ? true : undefined}
          data-testid="rule-name"
        />
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={draft.isEnabled}
            onChange={(e) => set({ isEnabled: e.target.checked })}
            className="size-4 rounded border-slate-300"
            data-testid="rule-enabled"
          />
          {t("routing.editor.enabled")}
        </label>

        <fieldset className="space-y-4 rounded-lg border border-slate-200 p-4">
          <legend className="px-1 text-sm font-semibold text-slate-900">
            {t("routing.editor.conditions")}
          </legend>
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-slate-800">
              {t("routing.editor.dialed")}
            </legend>
            {numbers.length === 0 ? (
              <p className="text-sm text-slate-500">{t("routing.editor.noNumbers")}</p>
            ) : (
              <div className="flex flex-wrap gap-x-4 gap-y-1">
                {numbers.map((n) => (
                  <label key={n.e164} className="flex items-center gap-2 text-sm text-slate-700">
                    <input
                      type="checkbox"
                      checked={draft.dialed.includes(n.e164)}
                      onChange={(e) =>
                        set({
                          dialed: e.target.checked
                            ? [...draft.dialed, n.e164]
                            : draft.dialed.filter((x) => x !== n.e164),
                        })
                      }
                      className="size-4 rounded border-slate-300"
                    />
                    {n.e164}
                    {n.label ? <span className="text-slate-500">{n.label}</span> : null}
                  </label>
                ))}
              </div>
            )}
            <p className="mt-1 text-xs text-slate-500">{t("routing.editor.dialedHint")}</p>
          </fieldset>

          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label
                htmlFor={`${id}-caller`}
                className="mb-1 block text-sm font-medium text-slate-800"
              >
                {t("routing.editor.caller")}
              </label>
              <select
                id={`${id}-caller`}
                value={draft.callerKind}
                onChange={(e) => set({ callerKind: e.target.value as CallerCondition["kind"] })}
                className={inputClass()}
                data-testid="rule-caller"
              >
                {CALLER_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`routing.editor.callerKind.${kind}`)}
                  </option>
                ))}
              </select>
            </div>
            {draft.callerKind === "tag" ? (
              <TextField
                label={t("routing.editor.tags")}
                name="tags"
                value={draft.tagsText}
                onChange={(e) => set({ tagsText: e.target.value })}
                error={errors["conditions.caller.tags"]}
                aria-invalid={errors["conditions.caller.tags"] ? true : undefined}
                data-testid="rule-tags"
              />
            ) : null}
            {draft.callerKind === "prefix" ? (
              <TextField
                label={t("routing.editor.prefixes")}
                name="prefixes"
                value={draft.prefixesText}
                onChange={(e) => set({ prefixesText: e.target.value })}
                error={errors["conditions.caller.prefixes"]}
                aria-invalid={errors["conditions.caller.prefixes"] ? true : undefined}
                data-testid="rule-prefixes"
              />
            ) : null}
          </div>

          <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
            <input
              type="checkbox"
              checked={draft.useSchedule}
              onChange={(e) => set({ useSchedule: e.target.checked })}
              className="size-4 rounded border-slate-300"
              data-testid="rule-use-schedule"
            />
            {t("routing.editor.useSchedule")}
          </label>
          {draft.useSchedule ? (
            <div className="space-y-4 border-l-2 border-slate-200 pl-4">
              <p className="text-xs text-slate-500">
                {t("routing.editor.scheduleHint", { timeZone })}
              </p>
              <fieldset aria-invalid={errors["conditions.schedule.weekdays"] ? true : undefined}>
                <legend className="mb-1 text-sm font-medium text-slate-800">
                  {t("routing.editor.weekdays")}
                </legend>
                <div className="flex flex-wrap gap-3">
                  {WEEKDAYS.map((d) => (
                    <label key={d} className="flex items-center gap-1.5 text-sm text-slate-700">
                      <input
                        type="checkbox"
                        checked={draft.weekdays.includes(d)}
                        onChange={(e) =>
                          set({
                            weekdays: e.target.checked
                              ? [...draft.weekdays, d]
                              : draft.weekdays.filter((x) => x !== d),
                          })
                        }
                        className="size-4 rounded border-slate-300"
                      />
                      {t(`routing.weekday.${d}`)}
                    </label>
                  ))}
                </div>
                {errors["conditions.schedule.weekdays"] ? (
                  <p className="mt-1 text-sm text-red-700">
                    {errors["conditions.schedule.weekdays"]}
                  </p>
                ) : null}
              </fieldset>
              <fieldset>
                <legend className="mb-1 text-sm font-medium text-slate-800">
                  {t("routing.editor.windows")}
                </legend>
                <p className="mb-2 text-xs text-slate-500">{t("routing.editor.windowsHint")}</p>
                <ul className="space-y-2">
                  {draft.windows.map((w, index) => {
                    const err =
                      errors[`conditions.schedule.windows.${index}.start`] ??
                      errors[`conditions.schedule.windows.${index}.end`] ??
                      errors[`conditions.schedule.windows.${index}`];
                    const change = (patch: Partial<typeof w>) =>
                      set({
                        windows: draft.windows.map((x, i) =>
                          i === index ? { ...x, ...patch } : x,
                        ),
                      });
                    return (
                      <li key={index} className="flex flex-wrap items-end gap-2">
                        <label className="text-sm text-slate-700">
                          <span className="mb-1 block">{t("routing.editor.windowFrom")}</span>
                          <input
                            type="time"
                            value={w.start}
                            onChange={(e) => change({ start: e.target.value })}
                            aria-invalid={err ? true : undefined}
                            className={inputClass(Boolean(err), "h-10 w-32")}
                          />
                        </label>
                        <label className="text-sm text-slate-700">
                          <span className="mb-1 block">{t("routing.editor.windowTo")}</span>
                          <input
                            type="time"
                            value={w.end}
                            onChange={(e) => change({ end: e.target.value })}
                            aria-invalid={err ? true : undefined}
                            className={inputClass(Boolean(err), "h-10 w-32")}
                          />
                        </label>
                        <button
                          type="button"
                          onClick={() =>
                            set({ windows: draft.windows.filter((_, i) => i !== index) })
                          }
                          className={buttonClass("ghost", "md")}
                          aria-label={t("routing.editor.removeWindow", { index: index + 1 })}
                        >
                          <Icon name="close" className="size-4" />
                        </button>
                        {err ? <p className="w-full text-sm text-red-700">{err}</p> : null}
                      </li>
                    );
                  })}
                </ul>
                <button
                  type="button"
                  onClick={() =>
                    set({ windows: [...draft.windows, { start: "09:00", end: "18:00" }] })
                  }
                  className={buttonClass("secondary", "sm", "mt-2")}
                >
                  <Icon name="plus" className="size-4" />
                  {t("routing.editor.addWindow")}
                </button>
              </fieldset>
              <div>
                <label
                  htmlFor={`${id}-holidays`}
                  className="mb-1 block text-sm font-medium text-slate-800"
                >
                  {t("routing.editor.holidays")}
                </label>
                <textarea
                  id={`${id}-holidays`}
                  rows={2}
                  value={draft.holidaysText}
                  onChange={(e) => set({ holidaysText: e.target.value })}
                  aria-invalid={errors["conditions.schedule.holidays"] ? true : undefined}
                  className={inputClass(
                    Boolean(errors["conditions.schedule.holidays"]),
                    "w-full py-2",
                  )}
                  data-testid="rule-holidays"
                />
                {errors["conditions.schedule.holidays"] ? (
                  <p className="mt-1 text-sm text-red-700">
                    {errors["conditions.schedule.holidays"]}
                  </p>
                ) : null}
              </div>
              <div>
                <label
                  htmlFor={`${id}-hmode`}
                  className="mb-1 block text-sm font-medium text-slate-800"
                >
                  {t("routing.editor.holidayMode")}
                </label>
                <select
                  id={`${id}-hmode`}
                  value={draft.holidayMode}
                  onChange={(e) => set({ holidayMode: e.target.value as "exclude" | "only" })}
                  className={inputClass()}
                >
                  <option value="exclude">{t("routing.editor.holidayMode.exclude")}</option>
                  <option value="only">{t("routing.editor.holidayMode.only")}</option>
                </select>
              </div>
            </div>
          ) : null}
        </fieldset>

        <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4">
          <legend className="px-1 text-sm font-semibold text-slate-900">
            {t("routing.editor.action")}
          </legend>
          <ActionFields
            action={draft.action}
            onChange={(action) => set({ action })}
            workplaces={workplaces}
            errors={errorsUnder(errors, "action")}
            testId="rule-action"
          />
        </fieldset>

        <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4">
          <legend className="px-1 text-sm font-semibold text-slate-900">
            {t("routing.editor.fallbacks")}
          </legend>
          <p className="text-xs text-slate-500">{t("routing.editor.fallbacksHint")}</p>
          <ol className="space-y-3">
            {draft.fallbacks.map((fallback, index) => (
              <li
                key={index}
                className="rounded-md bg-slate-50 p-3"
                data-testid={`rule-fallback-${index}`}
              >
                <div className="mb-2 flex items-center justify-between gap-2">
                  <span className="text-sm font-medium text-slate-800">
                    {t("routing.editor.fallback", { index: index + 1 })}
                  </span>
                  <button
                    type="button"
                    onClick={() =>
                      set({ fallbacks: draft.fallbacks.filter((_, i) => i !== index) })
                    }
                    className={buttonClass("ghost", "sm")}
                    aria-label={t("routing.editor.removeFallback", { index: index + 1 })}
                  >
                    <Icon name="close" className="size-4" />
                  </button>
                </div>
                <ActionFields
                  action={fallback}
                  onChange={(action) =>
                    set({ fallbacks: draft.fallbacks.map((x, i) => (i === index ? action : x)) })
                  }
                  workplaces={workplaces}
                  errors={errorsUnder(errors, `fallbacks.${index}`)}
                  testId={`rule-fallback-${index}-action`}
                />
              </li>
            ))}
          </ol>
          {draft.fallbacks.length < MAX_FALLBACKS ? (
            <button
              type="button"
              onClick={() => set({ fallbacks: [...draft.fallbacks, blankAction("release")] })}
              className={buttonClass("secondary", "sm")}
              data-testid="rule-add-fallback"
            >
              <Icon name="plus" className="size-4" />
              {t("routing.editor.addFallback")}
            </button>
          ) : null}
        </fieldset>

        <div className="flex flex-col-reverse justify-end gap-2 pt-2 sm:flex-row">
          <button type="button" onClick={onClose} className={buttonClass("secondary")}>
            {t("common.cancel")}
          </button>
          <button
            type="submit"
            disabled={mutation.isPending}
            className={buttonClass("primary")}
            data-testid="rule-save"
          >
            {mutation.isPending ? t("routing.editor.saving") : t("routing.editor.save")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
