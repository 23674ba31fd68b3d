import type { Translate } from "@/lib/i18n/translate";
import { formatDuration } from "@/lib/ui/format-duration";
import { formatPhone } from "@/lib/ui/format-phone";
import type { TimelineItem } from "@/app/(console)/calls/[id]/_components/types";

type Workplace = { name: string; person: string | null } | null;

// "101 (Ivanova)": the workplace, and its person when the name does not already say it.
export function workplaceText(t: Translate, workplace: Workplace): string {
  if (!workplace) return t("common.none");
  return workplace.person && workplace.person !== workplace.name
    ? `${workplace.name} (${workplace.person})`
    : workplace.name;
}

/** The main line and an optional detail line of one timeline step. */
export function describeTimelineItem(
  t: Translate,
  item: TimelineItem,
  call: { isClickToCall: boolean },
): { text: string; detail: string | null } {
  switch (item.kind) {
    case "started": {
      const params = { from: formatPhone(item.from), to: formatPhone(item.to) };
      return {
        text:
          item.direction === "OUT"
            ? t("call.event.startedOut", params)
            : t("call.event.startedIn", params),
        detail: item.isParked ? t("call.event.parked") : null,
      };
    }
    case "delivered":
      return {
        text: t("call.event.delivered", { workplace: workplaceText(t, item.workplace) }),
        detail: null,
      };
    case "redirected":
      return {
        text: t("call.event.redirected", {
          from: workplaceText(t, item.from),
          to: item.toNumber ? formatPhone(item.toNumber) : workplaceText(t, item.toWorkplace),
        }),
        detail: t(`call.event.redirectReason.${item.reason}`),
      };
    case "answered": {
      const workplace = workplaceText(t, item.workplace);
      if (item.party === "remote") return { text: t("call.event.clientAnswered"), detail: null };
      // Click-to-call rings the employee first; the conversation starts when the client answers.
      return call.isClickToCall
        ? { text: t("call.event.employeePickedUp", { workplace }), detail: null }
        : { text: t("call.event.answered", { workplace }), detail: null };
    }
    case "ended":
      if (item.isMadeUp) {
        return { text: t("call.event.closedByPult"), detail: t("call.event.closedByPultDetail") };
      }
      return {
        text: t("call.event.ended", { result: t(`call.event.endResult.${item.result}`) }),
        detail: t("call.event.endedDetails", {
          talk: formatDuration(item.talkSec),
          total: formatDuration(item.durationSec),
        }),
      };
    case "recordingReady":
      return { text: t("call.event.recordingReady", { count: item.fileCount }), detail: null };
    case "other":
      return { text: t("call.event.other", { type: item.type }), detail: null };
  }
}
