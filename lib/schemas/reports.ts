import { z } from "zod";
import { parseLocalDate } from "@/lib/zoned-time";

// Report filters are shared by the page, the tRPC procedures and the CSV export, so the three
// read the same period, managers and numbers.

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-26")
  .refine((text) => parseLocalDate(text) !== null, "Not a calendar date");

export const REPORT_MAX_DAYS = 400;

export const reportFiltersInput = z
  .object({
    /** Inclusive local dates in the tenant's time zone. */
    from: localDate,
    to: localDate,
    managerIds: z.array(z.uuid()).max(200).default([]),
    numbers: z.array(z.string().trim().min(1).max(32)).max(100).default([]),
  })
  .superRefine((value, ctx) => {
    const days =
      (Date.parse(`${value.to}T00:00:00Z`) - Date.parse(`${value.from}T00:00:00Z`)) / 86_400_000;
    if (days < 0)
      ctx.addIssue({ code: "custom", path: ["to"], message: "The end is before the start" });
    if (days >= REPORT_MAX_DAYS) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "Choose at most 400 days" });
    }
  });
export type ReportFilters = z.infer<typeof reportFiltersInput>;

export const REPORT_FIGURES = [
  "all",
  "incoming",
  "answered",
  "missed",
  "outgoing",
  "outgoingAnswered",
  "talk",
  "withinServiceLevel",
  "calledBack",
  "personalIncoming",
  "personalReached",
  "routed",
  "fallbacks",
] as const;
export type ReportFigure = (typeof REPORT_FIGURES)[number];

export const reportSliceInput = z.object({
  /** A manager id, "none" for calls that reached nobody; absent for all. */
  manager: z.union([z.uuid(), z.literal("none")]).optional(),
  bucket: z
    .object({
      start: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:00$/),
      unit: z.enum(["day", "hour"]),
    })
    .optional(),
  cell: z
    .object({ weekday: z.number().int().min(1).max(7), hour: z.number().int().min(0).max(23) })
    .optional(),
  talkBucket: z.number().int().min(0).max(10).optional(),
});
export type ReportSlice = z.infer<typeof reportSliceInput>;

export const reportDrillInput = z.object({
  filters: reportFiltersInput,
  figure: z.enum(REPORT_FIGURES),
  slice: reportSliceInput.default({}),
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z.number().int().min(1).max(200).default(50),
});
export type ReportDrillInput = z.infer<typeof reportDrillInput>;

export const savedViewSchema = z.object({
  name: z.string().trim().min(1, "Name the view").max(60),
  preset: z.enum(["today", "yesterday", "thisWeek", "lastWeek", "thisMonth", "last30", "custom"]),
  from: localDate.optional(),
  to: localDate.optional(),
  managerIds: z.array(z.uuid()).default([]),
  numbers: z.array(z.string()).default([]),
});
export type SavedView = z.infer<typeof savedViewSchema>;
