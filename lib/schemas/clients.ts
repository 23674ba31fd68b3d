import { z } from "zod";
import { normalizePhone } from "@/lib/phone";

// Shared by the client forms and the clients procedures. Messages are short codes; the forms
// turn them into sentences (see app/(console)/clients/_components/client-field-error.ts).

export const CLIENT_NAME_MAX = 200;
export const CLIENT_NOTES_MAX = 5000;
export const CLIENT_PHONES_MAX = 10;
export const CLIENT_TAGS_MAX = 20;
export const CLIENT_TAG_MAX = 40;
export const PHONE_LABEL_MAX = 40;
export const CLIENT_SEARCH_MAX = 100;

/** Typed input → E.164; the error code says why it is not a number ("phone_letters"…). */
export const phoneSchema = z.string().transform((value, ctx) => {
  const result = normalizePhone(value);
  if (result.ok) return result.e164;
  ctx.addIssue({ code: "custom", message: `phone_${result.reason}` });
  return z.NEVER;
});

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "too_long" })
    .nullish()
    .transform((v) => (v ? v : null));

const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .nullish()
  .transform((v) => (v ? v : null))
  .pipe(z.email({ error: "invalid_email" }).max(254, { error: "too_long" }).nullable());

export const clientNameSchema = z
  .string()
  .trim()
  .min(1, { error: "required" })
  .max(CLIENT_NAME_MAX, { error: "too_long" });

export const tagsSchema = z
  .array(z.string().trim().max(CLIENT_TAG_MAX, { error: "too_long" }))
  .max(CLIENT_TAGS_MAX, { error: "too_many_tags" })
  .transform((tags) => [...new Set(tags.filter((tag) => tag !== ""))]);

export const clientPhoneInput = z.object({
  phone: phoneSchema,
  label: optionalText(PHONE_LABEL_MAX),
});
export type ClientPhoneInput = z.infer<typeof clientPhoneInput>;

const phonesSchema = z
  .array(clientPhoneInput)
  .max(CLIENT_PHONES_MAX, { error: "too_many_phones" })
  .superRefine((phones, ctx) => {
    const seen = new Set<string>();
    phones.forEach((p, index) => {
      if (seen.has(p.phone))
        ctx.addIssue({ code: "custom", message: "phone_repeated", path: [index, "phone"] });
      seen.add(p.phone);
    });
  });

const clientFields = {
  name: clientNameSchema,
  company: optionalText(CLIENT_NAME_MAX),
  email: emailSchema,
  tags: tagsSchema.default([]),
  isVip: z.boolean().default(false),
  notes: optionalText(CLIENT_NOTES_MAX),
  personalManagerId: z.uuid().nullable().default(null),
  phones: phonesSchema.default([]),
};

export const createClientInput = z.object(clientFields);
export type CreateClientInput = z.infer<typeof createClientInput>;

export const updateClientInput = z.object({ clientId: z.uuid(), ...clientFields });
export type UpdateClientInput = z.infer<typeof updateClientInput>;

export const clientIdInput = z.object({ clientId: z.uuid() });

export const archiveClientInput = z.object({ clientId: z.uuid(), isArchived: z.boolean() });

export const listClientsInput = z.object({
  query: z.string().trim().max(CLIENT_SEARCH_MAX).optional(),
  // A user id, or "none" for clients without a personal manager.
  managerId: z.union([z.uuid(), z.literal("none")]).optional(),
  tag: z.string().trim().max(CLIENT_TAG_MAX).optional(),
  isVip: z.boolean().optional(),
  isArchived: z.boolean().default(false),
  cursor: z.uuid().nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type ListClientsInput = z.infer<typeof listClientsInput>;

const restoreAtSchema = z.coerce
  .date()
  .nullish()
  .transform((v) => v ?? null)
  .refine((v) => v === null || v.getTime() > Date.now(), { error: "restore_in_past" });

export const assignClientsInput = z.object({
  clientIds: z.array(z.uuid()).min(1, { error: "required" }).max(10_000),
  toManagerId: z.uuid().nullable(),
  restoreAt: restoreAtSchema,
  reason: optionalText(200),
});
export type AssignClientsInput = z.infer<typeof assignClientsInput>;

export const moveManagerClientsInput = z
  .object({
    fromManagerId: z.uuid(),
    toManagerId: z.uuid(),
    restoreAt: restoreAtSchema,
    reason: optionalText(200),
  })
  .refine((v) => v.fromManagerId !== v.toManagerId, {
    error: "same_manager",
    path: ["toManagerId"],
  });
export type MoveManagerClientsInput = z.infer<typeof moveManagerClientsInput>;

/** Field error for a phone that already belongs to another client: carries that client's name. */
export function phoneTakenCode(clientName: string): string {
  return `phone_taken:${clientName}`;
}

export function splitFieldCode(code: string): { code: string; arg: string | null } {
  const at = code.indexOf(":");
  return at < 0 ? { code, arg: null } : { code: code.slice(0, at), arg: code.slice(at + 1) };
}
