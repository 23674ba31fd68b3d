import type { Translate } from "@/lib/i18n/translate";
import type { BadgeTone } from "@/lib/ui/badge";
import { formatPhone } from "@/lib/ui/format-phone";
import type { LiveCall } from "@/app/(console)/live/_components/types";

// The person on the other end: who called us, or whom we called.
export function counterpartNumber(call: LiveCall): string {
  return call.direction === "OUT" ? call.toNumber : call.fromNumber;
}

// The company's own number involved: the one dialed in, or the one we called out from.
export function companyNumber(call: LiveCall): string {
  return call.direction === "OUT" ? call.fromNumber : call.toNumber;
}

export function dialedLabel(call: LiveCall): string {
  return call.numberLabel ?? formatPhone(companyNumber(call));
}

export function describeState(t: Translate, call: LiveCall): string {
  switch (call.state) {
    case "PARKED":
      return t("live.state.PARKED");
    case "RINGING":
      return call.workplace
        ? t("live.state.RINGING", { workplace: call.workplace.name })
        : t("live.state.ringingAnywhere");
    case "TALKING": {
      const who = call.manager?.name ?? call.workplace?.name;
      return who ? t("live.state.TALKING", { manager: who }) : t("live.state.talkingAnyone");
    }
    case "ON_HOLD":
      return t("live.state.ON_HOLD");
    case "ENDED":
      return t("live.state.ENDED");
  }
}

export const stateTones: Record<LiveCall["state"], BadgeTone> = {
  PARKED: "warning",
  RINGING: "brand",
  TALKING: "success",
  ON_HOLD: "neutral",
  ENDED: "neutral",
};
