import { splitFieldCode } from "@/lib/schemas/clients";
import { translateFieldError } from "@/lib/i18n/field-error";
import type { Translate } from "@/lib/i18n/translate";

// Codes from lib/schemas/clients.ts and the clients domain → a sentence for the form.
export function translateClientError(t: Translate, raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const { code, arg } = splitFieldCode(raw);
  switch (code) {
    case "phone_empty":
      return t("clients.error.phoneEmpty");
    case "phone_letters":
      return t("clients.error.phoneLetters");
    case "phone_too_short":
      return t("clients.error.phoneTooShort");
    case "phone_too_long":
      return t("clients.error.phoneTooLong");
    case "phone_invalid":
      return t("clients.error.phoneInvalid");
    case "phone_repeated":
      return t("clients.error.phoneRepeated");
    case "phone_taken":
      return t("clients.error.phoneTaken", { name: arg ?? "" });
    case "unknown_manager":
      return t("clients.error.unknownManager");
    case "assign_forbidden":
      return t("clients.error.assignForbidden");
    case "too_many_phones":
      return t("clients.error.tooManyPhones");
    case "too_many_tags":
      return t("clients.error.tooManyTags");
    case "restore_in_past":
      return t("clients.error.restoreInPast");
    case "same_manager":
      return t("clients.error.sameManager");
    default:
      return translateFieldError(t, raw);
  }
}
