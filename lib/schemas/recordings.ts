import { z } from "zod";
import { parseLocalDate } from "@/lib/zoned-time";

export const RECORDINGS_PAGE_SIZE = 25;
export const MAX_DURATION_FILTER_SEC = 24 * 60 * 60;

const isCalendarDate = (text: string) => parseLocalDate(text) !== null;

const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
const localDate = z.preprocess(
  emptyToUndefined,
  z.string().trim().refine(isCalendarDate, { error: "date_invalid" }).optional(),
);
const seconds = z.preprocess(
  emptyToUndefined,
  z.coerce
    .number({ error: "number_invalid" })
    .int({ error: "number_invalid" })
    .min(0, { error: "number_invalid" })
    .max(MAX_DURATION_FILTER_SEC, { error: "number_invalid" })
    .optional(),
);

const percent = z.preprocess(
  emptyToUndefined,
  z.coerce
    .number({ error: "percent_invalid" })
    .int({ error: "percent_invalid" })
    .min(0, { error: "percent_invalid" })
    .max(100, { error: "percent_invalid" })
    .optional(),
);

export const recordingFilterFields = z.object({
  /** Local dates (YYYY-MM-DD) in the company's time zone, both inclusive. */
  from: localDate,
  to: localDate,
  managerId: z.preprocess(emptyToUndefined, z.uuid().optional()),
  clientId: z.preprocess(emptyToUndefined, z.uuid().optional()),
  /** Part of the client's name or company. */
  client: z.preprocess(
    emptyToUndefined,
    z.string().trim().max(100, { error: "too_long" }).optional(),
  ),
  /** Part of either party's number, at least three digits. */
  number: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .max(32, { error: "too_long" })
      .refine((v) => /^[\d\s()+-]+$/.test(v), { error: "search_digits" })
      .refine((v) => v.replace(/\D/g, "").length >= 3, { error: "search_too_short" })
      .optional(),
  ),
  minDurationSec: seconds,
  maxDurationSec: seconds,
  /** Talk analytics: the call's longest silence at least this long. */
  minSilenceSec: seconds,
  /** Talk analytics: the manager's share of the talking, in percent (two-channel recordings). */
  minManagerShare: percent,
  maxManagerShare: percent,
});

type FilterShape = z.infer<typeof recordingFilterFields>;

function checkRanges(value: FilterShape, ctx: z.RefinementCtx): void {
  if (value.from && value.to && value.from > value.to)
    ctx.addIssue({ code: "custom", path: ["to"], message: "range_reversed" });
  if (
    value.minDurationSec !== undefined &&
    value.maxDurationSec !== undefined &&
    value.minDurationSec > value.maxDurationSec
  )
    ctx.addIssue({ code: "custom", path: ["maxDurationSec"], message: "range_reversed" });
  if (
    value.minManagerShare !== undefined &&
    value.maxManagerShare !== undefined &&
    value.minManagerShare > value.maxManagerShare
  )
    ctx.addIssue({ code: "custom", path: ["maxManagerShare"], message: "range_reversed" });
}

export const recordingFilters = recordingFilterFields.superRefine(checkRanges);
export type RecordingFilters = z.infer<typeof recordingFilters>;

export const recordingListInput = recordingFilterFields
  .extend({
    cursor: z.uuid().optional(),
    limit: z.int().min(1).max(100).default(RECORDINGS_PAGE_SIZE),
  })
  .superRefine(checkRanges);
export type RecordingListInput = z.infer<typeof recordingListInput>;

export const recordingIdInput = z.object({ id: z.uuid() });
export const recordingsByCallInput = z.object({ callId: z.uuid() });
export const recordingAuditInput = z.object({
  cursor: z.uuid().optional(),
  limit: z.int().min(1).max(100).default(50),
});

/** The recordings' access log: plays, downloads and transcript views (server/transcripts). */
export const RECORDING_AUDIT_ACTIONS = [
  "recording.play",
  "recording.download",
  "transcript.view",
] as const;
export type RecordingAuditAction = (typeof RECORDING_AUDIT_ACTIONS)[number];
