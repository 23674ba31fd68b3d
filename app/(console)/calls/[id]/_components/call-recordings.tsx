import type { Translate } from "@/lib/i18n/translate";
import { Badge, type BadgeTone } from "@/lib/ui/badge";
import { formatDuration } from "@/lib/ui/format-duration";
import { Section } from "./section";
import type { CallDetail } from "./types";

type RecordingStatus = CallDetail["recordings"][number]["status"];

const statusTones: Record<RecordingStatus, BadgeTone> = {
  PENDING: "neutral",
  DOWNLOADING: "brand",
  READY: "success",
  FAILED: "danger",
  DELETED: "neutral",
};

type CallRecordingsProps = {
  call: Pick<CallDetail, "recordings" | "hasRecording">;
  t: Translate;
};

// The recordings of a call; the audio player is mounted in each item once it exists.
export function CallRecordings({ call, t }: CallRecordingsProps) {
  return (
    <Section id="call-recordings" title={t("call.recordingsHeading")} testId="call-recordings">
      {call.recordings.length === 0 ? (
        <p className="text-sm text-slate-600">
          {call.hasRecording ? t("call.recordingsPending") : t("call.recordingsEmpty")}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {call.recordings.map((recording) => (
            <li
              key={recording.id}
              className="flex flex-wrap items-center gap-3 py-2 text-sm"
              data-testid="call-recording"
              data-recording-id={recording.id}
            >
              <Badge tone={statusTones[recording.status]}>
                {t(`call.recording.${recording.status}`)}
              </Badge>
              <span className="text-slate-700">
                {t("call.recording.files", { count: recording.fileCount })}
              </span>
              {recording.durationSec > 0 ? (
                <span className="text-slate-700 tabular-nums">
                  {formatDuration(recording.durationSec)}
                </span>
              ) : null}
              {recording.status === "FAILED" && recording.error ? (
                <span className="w-full text-xs text-red-700">{recording.error}</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
