import type { Translate } from "@/lib/i18n/translate";

/** The schema's and the server's field codes as sentences in the user's language. */
export function speechFieldError(t: Translate, code: string | undefined): string | undefined {
  switch (code) {
    case undefined:
      return undefined;
    case "required":
      return t("speech.error.required");
    case "too_long":
      return t("speech.error.tooLong");
    case "invalid_url":
      return t("speech.error.invalidUrl");
    case "private_url":
      return t("speech.error.privateUrl");
    case "model_invalid":
      return t("speech.error.modelInvalid");
    case "language_invalid":
      return t("speech.error.languageInvalid");
    case "directions_required":
      return t("speech.error.directions");
    case "local_unavailable":
      return t("speech.error.localUnavailable");
    default:
      return t("speech.error.number");
  }
}
