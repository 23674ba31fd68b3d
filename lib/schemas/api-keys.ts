import { z } from "zod";

// Shared by the create-key form and the apiKeys procedures.
export const API_KEY_NAME_MAX = 80;

export const apiKeyNameSchema = z
  .string()
  .trim()
  .min(1, { error: "required" })
  .max(API_KEY_NAME_MAX, { error: "too_long" });

export const createApiKeyInput = z.object({
  name: apiKeyNameSchema,
  // An instant (the form sends the end of the chosen day in the browser's time zone); null = never.
  expiresAt: z.coerce
    .date({ error: "invalid_date" })
    .nullish()
    .transform((v) => v ?? null)
    .refine((v) => v === null || v.getTime() > Date.now(), { error: "expires_in_past" }),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;

export const apiKeyIdInput = z.object({ apiKeyId: z.uuid() });
