import { PASSWORD_MIN_LENGTH } from "@/lib/schemas/users";
import type { Translate } from "@/lib/i18n/translate";

// The shared zod schemas use short codes as messages ("required", "invalid_email"…);
// this turns them into a sentence in the user's language.
export function translateFieldError(t: Translate, code: string | undefined): string | undefined {
  if (!code) return undefined;
  switch (code) {
    case "required":
      return t("validation.required");
    case "invalid_email":
      return t("validation.email");
    case "too_long":
      return t("validation.tooLong");
    case "password_too_short":
      return t("validation.passwordTooShort", { count: PASSWORD_MIN_LENGTH });
    default:
      return t("validation.invalid");
  }
}
