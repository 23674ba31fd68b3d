import { callHistoryFilters, type CallHistoryFilters } from "@/lib/schemas/calls";

// Query-string names of the filters; `manager` reads better in a shared link than managerId.
export const HISTORY_PARAMS = [
  "period",
  "from",
  "to",
  "direction",
  "result",
  "manager",
  "number",
  "client",
  "clientId",
  "q",
] as const;
export type HistoryParam = (typeof HISTORY_PARAMS)[number];
/** The form's view of the filters: every field a string, "" for none. */
export type HistoryForm = Record<HistoryParam, string>;

export const DEFAULT_PERIOD = "7d";

export function readForm(params: URLSearchParams): HistoryForm {
  const form = Object.fromEntries(HISTORY_PARAMS.map((key) => [key, params.get(key) ?? ""]));
  return { ...(form as HistoryForm), period: form.period || DEFAULT_PERIOD };
}

export function writeForm(form: HistoryForm, base: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(base.toString());
  for (const key of HISTORY_PARAMS) {
    const value = form[key].trim();
    const isDefault = key === "period" && value === DEFAULT_PERIOD;
    if (value && !isDefault) next.set(key, value);
    else next.delete(key);
  }
  // Dates only mean something for a custom period.
  if (form.period !== "custom") {
    next.delete("from");
    next.delete("to");
  }
  return next;
}

export function hasActiveFilters(form: HistoryForm): boolean {
  return HISTORY_PARAMS.some((key) =>
    key === "period" ? form.period !== DEFAULT_PERIOD : form[key] !== "",
  );
}

export type ParsedForm =
  | { ok: true; filters: CallHistoryFilters }
  | { ok: false; fieldErrors: Partial<Record<HistoryParam, string>> };

const paramByField: Record<string, HistoryParam> = {
  managerId: "manager",
  callDirection: "direction",
};

/** Validates the form with the procedure's own schema; errors keyed by query parameter. */
export function parseForm(form: HistoryForm): ParsedForm {
  const opt = (value: string) => value || undefined;
  const parsed = callHistoryFilters.safeParse({
    period: form.period,
    from: form.period === "custom" ? opt(form.from) : undefined,
    to: form.period === "custom" ? opt(form.to) : undefined,
    callDirection: opt(form.direction),
    result: opt(form.result),
    managerId: opt(form.manager),
    number: opt(form.number),
    client: opt(form.client),
    clientId: opt(form.clientId),
    q: opt(form.q),
  });
  if (parsed.success) return { ok: true, filters: parsed.data };
  const fieldErrors: Partial<Record<HistoryParam, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "");
    const param = paramByField[field] ?? (field as HistoryParam);
    fieldErrors[param] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}
