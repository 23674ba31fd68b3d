import { z } from "zod";
import { normalizePhone } from "@/lib/phone";

// A number as people type it; turned into E.164 (Russia as the default region) on parse.
export const dialablePhoneSchema = z
  .string()
  .max(40, { error: "too_long" })
  .transform((value, ctx) => {
    const result = normalizePhone(value);
    if (result.ok) return result.e164;
    ctx.addIssue({ code: "custom", message: `phone_${result.reason}` });
    return z.NEVER;
  });

export const makeCallInput = z.object({
  phone: dialablePhoneSchema,
  clientId: z.uuid().optional(),
  taskId: z.uuid().optional(),
});
export type MakeCallInput = z.input<typeof makeCallInput>;

export const transferTargetSchema = z.union([
  z.object({ workplaceId: z.uuid() }),
  z.object({ number: dialablePhoneSchema }),
]);

export const transferCallInput = z.object({
  callId: z.uuid(),
  target: transferTargetSchema,
});
export type TransferCallInput = z.input<typeof transferCallInput>;

/** Expected refusals, answered as data so the browser can say exactly what went wrong. */
export const makeCallFailures = [
  "no_workplace",
  "not_connected",
  "invalid_number",
  "workplace_unknown",
  "refused",
  "unreachable",
  "too_fast",
] as const;
export type MakeCallFailure = (typeof makeCallFailures)[number];

export const transferFailures = [
  "not_active",
  "same_workplace",
  "not_connected",
  "invalid_number",
  "workplace_unknown",
  "refused",
  "unreachable",
] as const;
export type TransferFailure = (typeof transferFailures)[number];
