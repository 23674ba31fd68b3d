import { z } from "zod";

const httpUrl = z
  .string()
  .trim()
  .url({ error: "invalid_url" })
  .refine((v) => /^https?:\/\//.test(v), { error: "invalid_url" })
  .transform((v) => v.replace(/\/+$/, ""));

export const saveCredentialsInput = z.object({
  clientId: z.string().trim().min(1, { error: "required" }).max(200, { error: "too_long" }),
  // Write-only: empty keeps the stored secret.
  clientSecret: z
    .string()
    .trim()
    .max(500, { error: "too_long" })
    .optional()
    .transform((v) => (v ? v : undefined)),
  apiUrl: httpUrl.optional(),
  oauthUrl: httpUrl.optional(),
  signNotifications: z.boolean().optional(),
});
export type SaveCredentialsInput = z.infer<typeof saveCredentialsInput>;

export const linkWorkplaceInput = z.object({
  userId: z.uuid(),
  workplaceId: z.uuid().nullable(),
});
