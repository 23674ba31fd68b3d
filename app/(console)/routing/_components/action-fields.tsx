"use client";

import { useId } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import {
  CRM_TIMEOUT_DEFAULT_MS,
  CRM_TIMEOUT_MAX_MS,
  CRM_TIMEOUT_MIN_MS,
  type GroupStrategy,
  type RoutingAction,
  type RoutingActionKind,
} from "@/lib/schemas/routing";
import { inputClass } from "@/lib/ui/input-styles";
import { workplaceLabel, type WorkplaceOption } from "@/app/(console)/routing/_components/types";

const KINDS: RoutingActionKind[] = [
  "personalManager",
  "workplace",
  "group",
  "number",
  "crm",
  "release",
];
const STRATEGIES: GroupStrategy[] = ["roundRobin", "longestIdle", "random"];

export function blankAction(kind: RoutingActionKind): RoutingAction {
  switch (kind) {
    case "workplace":
      return { kind, workplaceId: "" };
    case "group":
      return { kind, name: "", workplaceIds: [], strategy: "longestIdle" };
    case "number":
      return { kind, number: "" };
    case "crm":
      return { kind, timeoutMs: CRM_TIMEOUT_DEFAULT_MS };
    default:
      return { kind };
  }
}

type Props = {
  action: RoutingAction;
  onChange: (action: RoutingAction) => void;
  workplaces: readonly WorkplaceOption[];
  /** Errors by path under this action ("workplaceId", "workplaceIds", "number"). */
  errors: Record<string, string | undefined>;
  testId: string;
};

export function ActionFields({ action, onChange, workplaces, errors, testId }: Props) {
  const { t } = useI18n();
  const id = useId();
  const error = (path: string) => errors[path];
  return (
    <div className="space-y-3" data-testid={testId}>
      <div>
        <label htmlFor={`${id}-kind`} className="mb-1 block text-sm font-medium text-slate-800">
          {t("routing.editor.actionKind")}
        </label>
        <select
          id={`${id}-kind`}
          value={action.kind}
          onChange={(e) => onChange(blankAction(e.target.value as RoutingActionKind))}
          className={inputClass()}
          data-testid={`${testId}-kind`}
        >
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`routing.editor.kind.${kind}`)}
            </option>
          ))}
        </select>
      </div>

      {action.kind === "crm" ? (
        <div>
          <label htmlFor={`${id}-crm`} className="mb-1 block text-sm font-medium text-slate-800">
            {t("routing.editor.crmTimeout")}
          </label>
          <input
            id={`${id}-crm`}
            type="number"
            min={CRM_TIMEOUT_MIN_MS}
            max={CRM_TIMEOUT_MAX_MS}
            step={100}
            value={Number.isFinite(action.timeoutMs) ? action.timeoutMs : ""}
            onChange={(e) => onChange({ ...action, timeoutMs: e.target.valueAsNumber })}
            aria-invalid={error("timeoutMs") ? true : undefined}
            aria-describedby={`${id}-crm-hint${error("timeoutMs") ? ` ${id}-crm-error` : ""}`}
            className={inputClass(Boolean(error("timeoutMs")), "w-40")}
            data-testid={`${testId}-crm-timeout`}
          />
          <p id={`${id}-crm-hint`} className="mt-1 text-xs text-slate-500">
            {t("routing.editor.crmTimeoutHint")}
          </p>
          {error("timeoutMs") ? (
            <p id={`${id}-crm-error`} className="mt-1 text-sm text-red-700">
              {error("timeoutMs")}
            </p>
          ) : null}
        </div>
      ) : null}

      {action.kind === "workplace" ? (
        <div>
          <label htmlFor={`${id}-wp`} className="mb-1 block text-sm font-medium text-slate-800">
            {t("routing.editor.workplace")}
          </label>
          <select
            id={`${id}-wp`}
            name={`${testId}-workplaceId`}
            value={action.workplaceId}
            onChange={(e) => onChange({ ...action, workplaceId: e.target.value })}
            aria-invalid={error("workplaceId") ? true : undefined}
            aria-describedby={error("workplaceId") ? `${id}-wp-error` : undefined}
            className={inputClass(Boolean(error("workplaceId")))}
            data-testid={`${testId}-workplace`}
          >
            <option value="">{t("routing.editor.chooseWorkplace")}</option>
            {workplaces.map((w) => (
              <option key={w.id} value={w.id}>
                {workplaceLabel(w)}
              </option>
            ))}
          </select>
          {error("workplaceId") ? (
            <p id={`${id}-wp-error`} className="mt-1 text-sm text-red-700">
              {error("workplaceId")}
            </p>
          ) : null}
        </div>
      ) : null}

      {action.kind === "group" ? (
        <div className="space-y-3">
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label
                htmlFor={`${id}-gname`}
                className="mb-1 block text-sm font-medium text-slate-800"
              >
                {t("routing.editor.groupName")}
              </label>
              <input
                id={`${id}-gname`}
                value={action.name}
                maxLength={80}
                onChange={(e) => onChange({ ...action, name: e.target.value })}
                className={inputClass()}
                data-testid={`${testId}-group-name`}
              />
            </div>
            <div>
              <label
                htmlFor={`${id}-strategy`}
                className="mb-1 block text-sm font-medium text-slate-800"
              >
                {t("routing.editor.strategy")}
              </label>
              <select
                id={`${id}-strategy`}
                value={action.strategy}
                onChange={(e) => onChange({ ...action, strategy: e.target.value as GroupStrategy })}
                className={inputClass()}
                data-testid={`${testId}-strategy`}
              >
                {STRATEGIES.map((s) => (
                  <option key={s} value={s}>
                    {t(`routing.strategy.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <fieldset
            aria-invalid={error("workplaceIds") ? true : undefined}
            className="rounded-md border border-slate-200 p-3"
          >
            <legend className="px-1 text-sm font-medium text-slate-800">
              {t("routing.editor.groupMembers")}
            </legend>
            {workplaces.length === 0 ? (
              <p className="text-sm text-slate-500">{t("routing.editor.noWorkplaces")}</p>
            ) : (
              <div className="grid max-h-48 gap-1 overflow-y-auto sm:grid-cols-2">
                {workplaces.map((w) => (
                  <label key={w.id} className="flex items-center gap-2 text-sm text-slate-700">
                    <input
                      type="checkbox"
                      checked={action.workplaceIds.includes(w.id)}
                      onChange={(e) =>
                        onChange({
                          ...action,
                          workplaceIds: e.target.checked
                            ? [...action.workplaceIds, w.id]
                            : action.workplaceIds.filter((x) => x !== w.id),
                        })
                      }
                      className="size-4 rounded border-slate-300"
                    />
                    {workplaceLabel(w)}
                  </label>
                ))}
              </div>
            )}
            {error("workplaceIds") ? (
              <p className="mt-1 text-sm text-red-700">{error("workplaceIds")}</p>
            ) : null}
          </fieldset>
        </div>
      ) : null}

      {action.kind === "number" ? (
        <div>
          <label htmlFor={`${id}-number`} className="mb-1 block text-sm font-medium text-slate-800">
            {t("routing.editor.number")}
          </label>
          <input
            id={`${id}-number`}
            name={`${testId}-number`}
            type="tel"
            inputMode="tel"
            value={action.number}
            onChange={(e) => onChange({ ...action, number: e.target.value })}
            aria-invalid={error("number") ? true : undefined}
            aria-describedby={error("number") ? `${id}-number-error` : undefined}
            className={inputClass(Boolean(error("number")))}
            data-testid={`${testId}-number`}
          />
          {error("number") ? (
            <p id={`${id}-number-error`} className="mt-1 text-sm text-red-700">
              {error("number")}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
