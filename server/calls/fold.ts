import type { MttNotification } from "@/server/mtt/types";

export type CallNotification = Exclude<MttNotification, { type: "settingsChanged" }>;

export function isCallNotification(n: { type: string }): n is CallNotification {
  return n.type !== "settingsChanged";
}

/**
 * Prefix of the callEnded Pult makes up for a call whose end the PBX never reported and no longer
 * knows (server/calls/stale-calls.ts). A real callEnded, whenever it arrives, wins over it.
 */
export const CLOSED_ID_PREFIX = "closed:";
const isMadeUpEnd = (e: CallNotification) =>
  e.type === "callEnded" && e.id.startsWith(CLOSED_ID_PREFIX);

/** The call as the PBX's events describe it, with PBX workplace ids (not yet ours). */
export type FoldedCall = {
  direction: "IN" | "OUT" | null;
  from: string | null;
  to: string | null;
  state: "PARKED" | "RINGING" | "TALKING" | "ON_HOLD" | "ENDED";
  result: "ANSWERED" | "MISSED" | "BUSY" | "FAILED" | null;
  startedAt: Date;
  parkExpiresAt: Date | null;
  ringingAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  durationSec: number | null;
  talkSec: number | null;
  workplaceExternalId: string | null;
  isClickToCall: boolean;
  hasRecording: boolean;
  lastEventAt: Date;
  /** False when the end is Pult's (the PBX never reported it): no talk time counts. */
  isEndReported: boolean;
};

// Same-timestamp events still have a natural order in a call's life.
const rank: Record<CallNotification["type"], number> = {
  callStarted: 0,
  callDelivered: 1,
  callRedirected: 2,
  callAnswered: 3,
  callEnded: 4,
  recordingReady: 5,
};

function byLifeOrder(a: CallNotification, b: CallNotification): number {
  return (
    a.occurredAt.getTime() - b.occurredAt.getTime() ||
    rank[a.type] - rank[b.type] ||
    a.id.localeCompare(b.id)
  );
}

/**
 * Folds all events of one call into its state. A pure function of the SET of events: the PBX
 * delivers at least once and in any order, so the result must not depend on arrival order or
 * duplicates. An ended call stays ended whatever arrives late.
 */
export function foldCallEvents(events: readonly CallNotification[]): FoldedCall {
  const distinct = [...new Map(events.map((e) => [e.id, e])).values()];
  const hasReportedEnd = distinct.some((e) => e.type === "callEnded" && !isMadeUpEnd(e));
  const unique = distinct.filter((e) => !hasReportedEnd || !isMadeUpEnd(e)).sort(byLifeOrder);
  const first = unique[0];
  if (!first) throw new Error("foldCallEvents needs at least one event");
  const call: FoldedCall = {
    direction: null,
    from: null,
    to: null,
    state: "RINGING",
    result: null,
    startedAt: first.occurredAt,
    parkExpiresAt: null,
    ringingAt: null,
    answeredAt: null,
    endedAt: null,
    durationSec: null,
    talkSec: null,
    workplaceExternalId: null,
    isClickToCall: false,
    hasRecording: false,
    lastEventAt: first.occurredAt,
    isEndReported: true,
  };
  let isEnded = false;
  for (const event of unique) {
    call.lastEventAt = event.occurredAt;
    switch (event.type) {
      case "callStarted": {
        const { data } = event;
        call.direction = data.direction === "incoming" ? "IN" : "OUT";
        call.from = data.from;
        call.to = data.to;
        call.startedAt = event.occurredAt;
        // Outgoing calls are click-to-call: the PBX rings the employee first.
        call.isClickToCall = data.direction === "outgoing";
        call.workplaceExternalId ??= data.workplaceId ?? null;
        if (data.parked) {
          call.parkExpiresAt = new Date(event.occurredAt.getTime() + data.parkTimeoutMs);
          if (!isEnded && call.ringingAt === null && call.answeredAt === null)
            call.state = "PARKED";
        }
        break;
      }
      case "callDelivered":
        call.ringingAt ??= event.occurredAt;
        if (call.answeredAt === null) call.workplaceExternalId = event.data.workplaceId;
        if (!isEnded && call.answeredAt === null) call.state = "RINGING";
        break;
      case "callRedirected": {
        const target = event.data.to;
        if ("workplaceId" in target) call.workplaceExternalId = target.workplaceId;
        if (!isEnded)
          call.state =
            event.data.reason === "transfer" && "number" in target ? "ON_HOLD" : "RINGING";
        break;
      }
      case "callAnswered": {
        // Click-to-call: the employee answering the first leg is not the conversation yet.
        const isConversation = !call.isClickToCall || event.data.party === "remote";
        call.workplaceExternalId = event.data.workplaceId;
        if (isConversation) {
          call.answeredAt ??= event.occurredAt;
          if (!isEnded) call.state = "TALKING";
        } else if (!isEnded && call.answeredAt === null) {
          // Same-second timestamps can sort the employee's answer after the client's: it must
          // never turn a conversation back into ringing.
          call.state = "RINGING";
        }
        break;
      }
      case "callEnded":
        isEnded = true;
        call.state = "ENDED";
        call.result =
          event.data.result === "answered"
            ? "ANSWERED"
            : event.data.result === "busy"
              ? "BUSY"
              : event.data.result === "failed"
                ? "FAILED"
                : "MISSED";
        call.endedAt = event.occurredAt;
        call.durationSec = event.data.durationSec;
        call.talkSec = event.data.talkSec;
        call.hasRecording = call.hasRecording || event.data.hasRecording;
        call.isEndReported = !isMadeUpEnd(event);
        break;
      case "recordingReady":
        call.hasRecording = true;
        break;
    }
  }
  // callStarted may arrive after callEnded: parked is then history, not the state.
  if (isEnded) call.state = "ENDED";
  return call;
}
