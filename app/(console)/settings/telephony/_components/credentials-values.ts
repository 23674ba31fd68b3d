import { z } from "zod";
import { saveCredentialsInput, type SaveCredentialsInput } from "@/lib/schemas/integration";

export type CredentialValues = {
  clientId: string;
  clientSecret: string;
  apiUrl: string;
  oauthUrl: string;
};

type Field = keyof CredentialValues;
type Checked =
  | { success: true; data: SaveCredentialsInput }
  | { success: false; errors: Partial<Record<Field, string>> };

// The procedure's own schema, plus the one rule it can't know: the secret is write-only, so an
// empty field is fine only when a secret is already stored.
export function validateCredentials(values: CredentialValues, hasSecret: boolean): Checked {
  const parsed = saveCredentialsInput.safeParse(values);
  const errors: Partial<Record<Field, string>> = {};
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors;
    for (const field of ["clientId", "clientSecret", "apiUrl", "oauthUrl"] as const) {
      const code = fieldErrors[field]?.[0];
      if (code) errors[field] = code;
    }
  }
  if (!hasSecret && !values.clientSecret.trim()) errors.clientSecret = "required";
  if (!parsed.success || errors.clientSecret) return { success: false, errors };
  return { success: true, data: parsed.data };
}
