import type { Translate } from "@/lib/i18n/translate";
import { CallRecordingsPanel } from "@/app/(console)/_components/recording-player/call-recordings-panel";
import { Section } from "@/app/(console)/calls/[id]/_components/section";
import type { CallDetail } from "@/app/(console)/calls/[id]/_components/types";

type CallRecordingsProps = {
  call: Pick<CallDetail, "id" | "recordings" | "hasRecording">;
  t: Translate;
  /** ?t= of a search hit's link: play from there. */
  startAtSec?: number;
};

// The recordings of a call, each with its player (or why it cannot play yet).
export function CallRecordings({ call, t, startAtSec }: CallRecordingsProps) {
  return (
    <Section id="call-recordings" title={t("call.recordingsHeading")} testId="call-recordings">
      {call.recordings.length === 0 ? (
        <p className="text-sm text-slate-600">
          {call.hasRecording ? t("call.recordingsPending") : t("call.recordingsEmpty")}
        </p>
      ) : (
        <CallRecordingsPanel callId={call.id} withTalk startAtSec={startAtSec} />
      )}
    </Section>
  );
}
