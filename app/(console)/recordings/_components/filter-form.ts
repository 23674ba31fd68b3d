import { recordingFilters, type RecordingFilters } from "@/lib/schemas/recordings";

export type FilterForm = {
  from: string;
  to: string;
  managerId: string;
  client: string;
  number: string;
  minDurationSec: string;
  maxDurationSec: string;
  minSilenceSec: string;
  minManagerShare: string;
  maxManagerShare: string;
};

export const emptyFilterForm: FilterForm = {
  from: "",
  to: "",
  managerId: "",
  client: "",
  number: "",
  minDurationSec: "",
  maxDurationSec: "",
  minSilenceSec: "",
  minManagerShare: "",
  maxManagerShare: "",
};

export type ParsedFilters =
  | { ok: true; filters: RecordingFilters }
  | { ok: false; fieldErrors: Partial<Record<keyof FilterForm, string>> };

/** The same zod schema as the procedure: the form shows exactly what the server would refuse. */
export function parseFilterForm(form: FilterForm): ParsedFilters {
  const result = recordingFilters.safeParse(form);
  if (result.success) return { ok: true, filters: result.data };
  const fieldErrors: Partial<Record<keyof FilterForm, string>> = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (typeof field === "string" && field in form && !fieldErrors[field as keyof FilterForm])
      fieldErrors[field as keyof FilterForm] = issue.message;
  }
  return { ok: false, fieldErrors };
}

const FIELDS = Object.keys(emptyFilterForm) as Array<keyof FilterForm>;

/** The form as the query string holds it: a filtered list can be shared and survives a reload. */
export function formFromParams(params: URLSearchParams): FilterForm {
  const form = { ...emptyFilterForm };
  for (const field of FIELDS) form[field] = params.get(field)?.slice(0, 200) ?? "";
  return form;
}

/** Only the fields in use, in a stable order. */
export function paramsFromForm(form: FilterForm): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of FIELDS) {
    const value = form[field].trim();
    if (value !== "") params.set(field, value);
  }
  return params;
}
