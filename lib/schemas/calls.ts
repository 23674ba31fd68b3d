import { z } from "zod";
import { parseLocalDate } from "@/lib/zoned-time";

export const presenceSchema = z.enum(["AVAILABLE", "BREAK", "OFFLINE"]);
export const setPresenceInput = z.object({ presence: presenceSchema });
export const callIdInput = z.object({ callId: z.uuid() });

// Call history: filters shared by the URL-driven form and the calls.history procedure.
export const callPeriodSchema = z.enum(["today", "yesterday", "7d", "30d", "all", "custom"]);
export type CallPeriod = z.infer<typeof callPeriodSchema>;
export const callDirectionSchema = z.enum(["IN", "OUT", "INTERNAL"]);
export const callResultSchema = z.enum(["ANSWERED", "MISSED", "BUSY", "FAILED"]);
export const CALL_HISTORY_PAGE_SIZE = 50;

const isCalendarDate = (text: string) => parseLocalDate(text) !== null;

const localDate = z.string().trim().refine(isCalendarDate, { error: "date_invalid" });
// Empty text means "no filter"; the key stays optional in the parsed type.
const trimmedText = (max: number) => z.string().trim().max(max, { error: "too_long" });
const emptyAsUndefined = (value: string) => (value ? value : undefined);
const optionalText = (max: number) => trimmedText(max).transform(emptyAsUndefined).optional();

// Any part of a phone number as people type it: digits with spaces, brackets, dashes, plus.
const numberSearch = trimmedText(32)
  .superRefine((value, ctx) => {
    if (!value) return;
    if (!/^[\d\s()+-]+$/.test(value)) ctx.addIssue({ code: "custom", message: "search_digits" });
    else if (value.replace(/\D/g, "").length < 3)
      ctx.addIssue({ code: "custom", message: "search_too_short" });
  })
  .transform(emptyAsUndefined)
  .optional();

const callHistoryFilterFields = z.object({
  period: callPeriodSchema.default("7d"),
  from: localDate.optional(),
  to: localDate.optional(),
  // Not `direction`: tRPC infinite queries put their own `direction` into the input.
  callDirection: callDirectionSchema.optional(),
  result: callResultSchema.optional(),
  managerId: z.uuid().optional(),
  /** Our PBX number the call came in on or went out from (E.164). */
  number: optionalText(32),
  /** Part of the client's name or company. */
  client: optionalText(100),
  clientId: z.uuid().optional(),
  /** Part of the other party's number. */
  q: numberSearch,
});

function checkPeriod(
  value: { period: CallPeriod; from?: string; to?: string },
  ctx: z.RefinementCtx,
): void {
  if (value.period !== "custom") return;
  if (!value.from && !value.to)
    ctx.addIssue({ code: "custom", path: ["from"], message: "required" });
  if (value.from && value.to && value.from > value.to)
    ctx.addIssue({ code: "custom", path: ["to"], message: "range_reversed" });
}

export const callHistoryFilters = callHistoryFilterFields.superRefine(checkPeriod);
export type CallHistoryFilters = z.infer<typeof callHistoryFilters>;

export const callHistoryInput = callHistoryFilterFields
  .extend({
    cursor: z.string().max(200).optional(),
    limit: z.int().min(1).max(100).default(CALL_HISTORY_PAGE_SIZE),
  })
  .superRefine(checkPeriod);
export type CallHistoryInput = z.infer<typeof callHistoryInput>;

export const callDetailInput = z.object({ id: z.uuid() });
