import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/translate";
import { formatClockTime, formatFullTime } from "@/app/(console)/calls/_components/call-format";
import { Section } from "@/app/(console)/calls/[id]/_components/section";
import { describeTimelineItem } from "@/app/(console)/calls/[id]/_components/timeline-text";
import type { CallDetail } from "@/app/(console)/calls/[id]/_components/types";

// Notifications can arrive late (PBX retries); only a noticeable delay is worth showing.
const LATE_AFTER_MS = 2000;

type CallTimelineProps = { call: CallDetail; t: Translate; locale: Locale };

export function CallTimeline({ call, t, locale }: CallTimelineProps) {
  return (
    <Section id="call-timeline" title={t("call.timelineHeading")} testId="call-timeline">
      {call.timeline.length === 0 ? (
        <p className="text-sm text-slate-600">{t("call.timelineEmpty")}</p>
      ) : (
        <ol className="relative space-y-4 border-l border-slate-200 pl-5">
          {call.timeline.map((item) => {
            const { text, detail } = describeTimelineItem(t, item, call);
            const isLate = item.receivedAt.getTime() - item.occurredAt.getTime() > LATE_AFTER_MS;
            return (
              <li key={item.id} className="relative" data-testid="call-event" data-kind={item.kind}>
                <span
                  aria-hidden
                  className="bg-brand-500 absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full ring-4 ring-white"
                />
                <p className="text-sm font-medium text-slate-900">{text}</p>
                {detail ? <p className="text-sm text-slate-600">{detail}</p> : null}
                <p className="text-xs text-slate-500 tabular-nums">
                  <time
                    dateTime={item.occurredAt.toISOString()}
                    title={formatFullTime(locale, call.timeZone, item.occurredAt)}
                  >
                    {formatClockTime(locale, call.timeZone, item.occurredAt)}
                  </time>
                  {isLate
                    ? ` · ${t("call.receivedLater", { time: formatClockTime(locale, call.timeZone, item.receivedAt) })}`
                    : null}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </Section>
  );
}
