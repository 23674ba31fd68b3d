import type { MakeCallFailure, TransferFailure } from "@/lib/schemas/control";
import type { PhoneError } from "@/lib/phone";
import type { Translate } from "@/lib/i18n/translate";

export function describeFailure(t: Translate, reason: MakeCallFailure | TransferFailure): string {
  return t(`callActions.fail.${reason}`);
}

export function describePhoneError(t: Translate, reason: PhoneError): string {
  return t(`callActions.phone_${reason}`);
}
