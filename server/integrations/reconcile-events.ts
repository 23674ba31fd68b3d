import type { CallNotification } from "@/server/calls/fold";
import type { PbxCallRecord } from "@/server/mtt/types";
import { DEFAULT_PARK_TIMEOUT_MS } from "@/server/mtt/wire-schemas";

// A call Pult learns of from the PBX's history (getCalls) instead of its notifications is stored
// as the events those notifications would have carried, so the one fold of a call's events stays
// the only truth: real notifications that arrive later join the same call, never a second one.

/** Prefix of the notification ids Pult makes up for reconciled calls; real ids are UUIDs. */
export const RECONCILED_ID_PREFIX = "reconciled:";

// The same history record always yields the same ids: reconciling twice stores nothing new.
const syntheticId = (callId: string, type: CallNotification["type"]) =>
  `${RECONCILED_ID_PREFIX}${callId}:${type}`;

const wholeSeconds = (fromMs: number, toMs: number) =>
  Math.max(0, Math.round((toMs - fromMs) / 1000));

/**
 * The events of an ended call from its history record: started, answered (when it was) and
 * ended. Times, result and workplace come from the PBX; nothing is made up beyond that (no
 * ringing time, no recording: a recordingReady notification still adds it if it comes).
 */
export function eventsFromHistory(record: PbxCallRecord): CallNotification[] {
  const { callId, workplaceId } = record;
  const events: CallNotification[] = [
    {
      id: syntheticId(callId, "callStarted"),
      type: "callStarted",
      occurredAt: record.startedAt,
      data: {
        callId,
        direction: record.direction,
        from: record.from,
        to: record.to,
        ...(workplaceId ? { workplaceId } : {}),
        // Long over: whether it was parked no longer matters.
        parked: false,
        parkTimeoutMs: DEFAULT_PARK_TIMEOUT_MS,
      },
    },
  ];
  if (record.answeredAt && workplaceId) {
    events.push({
      id: syntheticId(callId, "callAnswered"),
      type: "callAnswered",
      occurredAt: record.answeredAt,
      // Outgoing calls are click-to-call: the conversation starts when the client answers.
      data: {
        callId,
        workplaceId,
        party: record.direction === "outgoing" ? "remote" : "workplace",
      },
    });
  }
  const startedMs = record.startedAt.getTime();
  const endedMs = record.endedAt.getTime();
  events.push({
    id: syntheticId(callId, "callEnded"),
    type: "callEnded",
    occurredAt: record.endedAt,
    data: {
      callId,
      // A result newer than our contract: the call did not end in a conversation we know of.
      result: record.result === "other" ? "failed" : record.result,
      durationSec: wholeSeconds(startedMs, endedMs),
      talkSec: record.answeredAt ? wholeSeconds(record.answeredAt.getTime(), endedMs) : 0,
      hasRecording: false,
    },
  });
  return events;
}

/**
 * The stored payload, in the shape the notification endpoint stores (the PBX's JSON), so that
 * the ingest's parser reads it back like any other event. The domain shape of call events uses
 * the wire's names; dates become ISO strings.
 */
export function toStoredPayload(event: CallNotification): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt.toISOString(),
    data: event.data,
  });
}
