import type { Translate } from "@/lib/i18n/translate";
import { translateClientError } from "@/app/(console)/clients/_components/client-field-error";
import type { ImportReason } from "@/app/(console)/clients/_components/import-types";

export function describeImportReason(t: Translate, reason: ImportReason): string {
  switch (reason.code) {
    case "missing_name":
      return t("clients.import.reason.missingName");
    case "no_phone":
      return t("clients.import.reason.noPhone");
    case "bad_phone":
      return t("clients.import.reason.badPhone", {
        value: reason.value,
        why: translateClientError(t, `phone_${reason.reason}`) ?? "",
      });
    case "duplicate_in_file":
      return t("clients.import.reason.duplicate", { value: reason.value, line: reason.line });
    case "unknown_manager":
      return t("clients.import.reason.unknownManager", { value: reason.value });
    case "bad_email":
      return t("clients.import.reason.badEmail", { value: reason.value });
    case "bad_vip":
      return t("clients.import.reason.badVip", { value: reason.value });
    case "too_long":
      return t("clients.import.reason.tooLong", { field: reason.field });
    case "bad_text":
      return t("clients.import.reason.badText", { field: reason.field });
    case "too_many_phones":
      return t("clients.import.reason.tooManyPhones");
    case "phones_of_different_clients":
      return t("clients.import.reason.differentClients", { names: reason.names.join(", ") });
  }
}
