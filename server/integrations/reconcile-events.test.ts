import { describe, expect, it } from "vitest";
import { foldCallEvents, type CallNotification } from "@/server/calls/fold";
import { parseNotification } from "@/server/mtt/notifications";
import type { PbxCallRecord } from "@/server/mtt/types";
import {
  eventsFromHistory,
  RECONCILED_ID_PREFIX,
  toStoredPayload,
} from "@/server/integrations/reconcile-events";

const answered: PbxCallRecord = {
  callId: "c-1",
  direction: "incoming",
  from: "+79161112233",
  to: "+74951110000",
  startedAt: new Date("2026-11-20T10:00:00.000Z"),
  answeredAt: new Date("2026-11-20T10:00:07.400Z"),
  endedAt: new Date("2026-11-20T10:02:07.000Z"),
  result: "answered",
  workplaceId: "wp-1",
};

// What the ingest does with a stored payload: parse it back like a notification from the PBX.
function readBack(event: CallNotification): CallNotification {
  const parsed = parseNotification(toStoredPayload(event));
  if (!parsed.ok || !("notification" in parsed)) throw new Error(JSON.stringify(parsed));
  const { notification } = parsed;
  if (notification.type === "settingsChanged") throw new Error("not a call event");
  return notification;
}

describe("events from the PBX's call history", () => {
  it("fold into the ended call the history describes, after a round trip through the parser", () => {
    const events = eventsFromHistory(answered).map(readBack);
    expect(events.map((e) => e.type)).toEqual(["callStarted", "callAnswered", "callEnded"]);
    expect(events.every((e) => e.id.startsWith(RECONCILED_ID_PREFIX))).toBe(true);
    expect(foldCallEvents(events)).toMatchObject({
      direction: "IN",
      from: "+79161112233",
      to: "+74951110000",
      state: "ENDED",
      result: "ANSWERED",
      startedAt: answered.startedAt,
      answeredAt: answered.answeredAt,
      endedAt: answered.endedAt,
      durationSec: 127,
      talkSec: 120,
      workplaceExternalId: "wp-1",
      isClickToCall: false,
      ringingAt: null,
      parkExpiresAt: null,
    });
  });

  it("give the same ids every time, so a second reconcile stores nothing new", () => {
    expect(eventsFromHistory(answered).map((e) => e.id)).toEqual(
      eventsFromHistory({ ...answered }).map((e) => e.id),
    );
    expect(new Set(eventsFromHistory(answered).map((e) => e.id)).size).toBe(3);
  });

  it("keep the workplace of a missed call so it counts against its manager", () => {
    const missed = { ...answered, answeredAt: undefined, result: "missed" as const };
    const folded = foldCallEvents(eventsFromHistory(missed).map(readBack));
    expect(folded).toMatchObject({
      state: "ENDED",
      result: "MISSED",
      answeredAt: null,
      talkSec: 0,
      workplaceExternalId: "wp-1",
    });
  });

  it("treat an outgoing answered call as click-to-call answered by the client", () => {
    const outgoing = { ...answered, direction: "outgoing" as const };
    const folded = foldCallEvents(eventsFromHistory(outgoing).map(readBack));
    expect(folded).toMatchObject({ direction: "OUT", isClickToCall: true, result: "ANSWERED" });
    expect(folded.answeredAt).toEqual(answered.answeredAt);
  });

  it("map a result newer than the contract to failed rather than dropping the call", () => {
    const odd = { ...answered, answeredAt: undefined, result: "other" as const };
    expect(foldCallEvents(eventsFromHistory(odd).map(readBack)).result).toBe("FAILED");
  });

  it("end a call Pult has from its real events, real notifications arriving later change nothing", () => {
    const started: CallNotification = {
      id: "5f0c7d1e-1111-4222-8333-444455556666",
      type: "callStarted",
      occurredAt: answered.startedAt,
      data: {
        callId: "c-1",
        direction: "incoming",
        from: "+79161112233",
        to: "+74951110000",
        parked: false,
        parkTimeoutMs: 5000,
      },
    };
    // What the reconcile adds to a call Pult has without its end: everything but the start.
    const completion = eventsFromHistory(answered)
      .filter((e) => e.type !== "callStarted")
      .map(readBack);
    expect(completion.map((e) => e.type)).toEqual(["callAnswered", "callEnded"]);
    const reconciled = foldCallEvents([started, ...completion]);
    expect(reconciled).toMatchObject({ state: "ENDED", result: "ANSWERED", talkSec: 120 });
    const realEnd: CallNotification = {
      id: "5f0c7d1e-9999-4222-8333-444455556666",
      type: "callEnded",
      occurredAt: answered.endedAt,
      data: {
        callId: "c-1",
        result: "answered",
        durationSec: 127,
        talkSec: 120,
        hasRecording: true,
      },
    };
    expect(foldCallEvents([started, ...completion, realEnd])).toMatchObject({
      state: "ENDED",
      result: "ANSWERED",
      durationSec: 127,
      talkSec: 120,
      hasRecording: true,
    });
  });
});
