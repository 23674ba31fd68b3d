import { z } from "zod";

// Shared by forms (client) and tRPC procedures (server): one definition of what is valid.
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export const roleSchema = z.enum(["ADMIN", "SUPERVISOR", "MANAGER"]);
export type Role = z.infer<typeof roleSchema>;

export const localeSchema = z.enum(["ru", "en"]);
export type Locale = z.infer<typeof localeSchema>;

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "invalid_email" }).max(254, { error: "too_long" }));

const personName = z.string().trim().min(1, { error: "required" }).max(120, { error: "too_long" });

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { error: "password_too_short" })
  .max(PASSWORD_MAX_LENGTH, { error: "too_long" });

export const signInInput = z.object({
  email,
  password: z
    .string()
    .min(1, { error: "required" })
    .max(PASSWORD_MAX_LENGTH, { error: "too_long" }),
});

export const inviteUserInput = z.object({ email, name: personName, role: roleSchema });
export type InviteUserInput = z.infer<typeof inviteUserInput>;

export const updateUserInput = z.object({
  userId: z.uuid(),
  name: personName.optional(),
  role: roleSchema.optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const setUserStatusInput = z.object({
  userId: z.uuid(),
  status: z.enum(["ACTIVE", "DISABLED"]),
});

export const userIdInput = z.object({ userId: z.uuid() });

export const inviteTokenInput = z.object({ token: z.string().min(20).max(200) });

export const acceptInviteInput = z.object({
  token: z.string().min(20).max(200),
  name: personName,
  password: passwordSchema,
});
export type AcceptInviteInput = z.infer<typeof acceptInviteInput>;

export const setLocaleInput = z.object({ locale: localeSchema });
