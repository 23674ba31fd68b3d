import { recordingFilters, type RecordingFilters } from "@/lib/schemas/recordings";

export type FilterForm = {
  from: string;
  to: string;
  managerId: string;
  client: string;
  number: string;
  minDurationSec: string;
  maxDurationSec: string;
};

export const emptyFilterForm: FilterForm = {
  from: "",
  to: "",
  managerId: "",
  client: "",
  number: "",
  minDurationSec: "",
  maxDurationSec: "",
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
