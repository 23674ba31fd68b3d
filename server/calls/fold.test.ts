import { describe, expect, it } from "vitest";
import { CLOSED_ID_PREFIX, foldCallEvents, type CallNotification } from "@/server/calls/fold";

const t0 = Date.parse("2026-11-26T10:00:00.000Z");
const at = (sec: number) => new Date(t0 + sec * 1000);
let seq = 0;
const ev = <T extends CallNotification["type"]>(
  type: T,
  sec: number,
  data: Extract<CallNotification, { type: T }>["data"],
) =>
  ({ id: `n-${++seq}`, type, occurredAt: at(sec), data }) as Extract<CallNotification, { type: T }>;

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

const incomingAnswered = [
  ev("callStarted", 0, {
    callId: "c1",
    direction: "incoming",
    from: "+79001112233",
    to: "+74951234567",
    parked: true,
    parkTimeoutMs: 5000,
  }),
  ev("callDelivered", 1, { callId: "c1", workplaceId: "wp-1" }),
  ev("callAnswered", 6, { callId: "c1", workplaceId: "wp-1", party: "workplace" }),
  ev("callEnded", 66, {
    callId: "c1",
    result: "answered",
    durationSec: 66,
    talkSec: 60,
    hasRecording: true,
  }),
];

describe("foldCallEvents", () => {
  it("gives the same final state for every arrival order and with duplicates", () => {
    const expected = foldCallEvents(incomingAnswered);
    expect(expected).toMatchObject({
      direction: "IN",
      from: "+79001112233",
      state: "ENDED",
      result: "ANSWERED",
      startedAt: at(0),
      ringingAt: at(1),
      answeredAt: at(6),
      endedAt: at(66),
      talkSec: 60,
      workplaceExternalId: "wp-1",
      hasRecording: true,
      isClickToCall: false,
    });
    for (const order of permutations(incomingAnswered)) {
      expect(foldCallEvents(order)).toEqual(expected);
      expect(foldCallEvents([...order, ...order.slice(0, 2)])).toEqual(expected);
    }
  });

  it("keeps an ended call ended when an earlier event arrives late", () => {
    const [started, delivered, answered, ended] = incomingAnswered;
    if (!started || !delivered || !answered || !ended) throw new Error("fixture");
    const partial = foldCallEvents([ended, delivered]);
    expect(partial.state).toBe("ENDED");
    expect(partial.direction).toBeNull();
    const late = foldCallEvents([ended, delivered, answered]);
    expect(late).toMatchObject({ state: "ENDED", answeredAt: at(6) });
  });

  it("shows a parked call as parked until it is delivered", () => {
    const [started, delivered] = incomingAnswered;
    if (!started || !delivered) throw new Error("fixture");
    expect(foldCallEvents([started])).toMatchObject({ state: "PARKED", parkExpiresAt: at(5) });
    expect(foldCallEvents([started, delivered])).toMatchObject({
      state: "RINGING",
      workplaceExternalId: "wp-1",
    });
  });

  it("follows redirects to the next workplace and ends as missed", () => {
    const events = [
      ev("callStarted", 0, {
        callId: "c2",
        direction: "incoming",
        from: "+79001112233",
        to: "+74951234567",
        parked: false,
        parkTimeoutMs: 5000,
      }),
      ev("callDelivered", 0, { callId: "c2", workplaceId: "wp-1" }),
      ev("callRedirected", 20, {
        callId: "c2",
        fromWorkplaceId: "wp-1",
        reason: "noAnswer",
        to: { workplaceId: "wp-2" },
      }),
      ev("callDelivered", 20, { callId: "c2", workplaceId: "wp-2" }),
    ];
    expect(foldCallEvents(events)).toMatchObject({
      state: "RINGING",
      workplaceExternalId: "wp-2",
      ringingAt: at(0),
    });
    const ended = [
      ...events,
      ev("callEnded", 40, {
        callId: "c2",
        result: "missed",
        durationSec: 40,
        talkSec: 0,
        hasRecording: false,
      }),
    ];
    expect(foldCallEvents(ended)).toMatchObject({
      state: "ENDED",
      result: "MISSED",
      answeredAt: null,
    });
  });

  it("treats click-to-call as one call: the employee's leg is not the conversation", () => {
    const started = ev("callStarted", 0, {
      callId: "c3",
      direction: "outgoing",
      from: "+74951234567",
      to: "+79005556677",
      workplaceId: "wp-3",
      parked: false,
      parkTimeoutMs: 5000,
    });
    const employee = ev("callAnswered", 3, {
      callId: "c3",
      workplaceId: "wp-3",
      party: "workplace",
    });
    const client = ev("callAnswered", 10, { callId: "c3", workplaceId: "wp-3", party: "remote" });
    expect(foldCallEvents([started, employee])).toMatchObject({
      direction: "OUT",
      isClickToCall: true,
      state: "RINGING",
      answeredAt: null,
    });
    expect(foldCallEvents([client, started, employee])).toMatchObject({
      state: "TALKING",
      answeredAt: at(10),
      workplaceExternalId: "wp-3",
    });
  });

  it("keeps a click-to-call talking when both answers carry the same second, in any order", () => {
    const started = ev("callStarted", 0, {
      callId: "c4",
      direction: "outgoing",
      from: "+74951234567",
      to: "+79005556677",
      workplaceId: "wp-3",
      parked: false,
      parkTimeoutMs: 5000,
    });
    // Ids chosen so the id tie-break sorts the client's answer BEFORE the employee's.
    const client = {
      ...ev("callAnswered", 5, { callId: "c4", workplaceId: "wp-3", party: "remote" }),
      id: "a-client",
    };
    const employee = {
      ...ev("callAnswered", 5, { callId: "c4", workplaceId: "wp-3", party: "workplace" }),
      id: "b-employee",
    };
    for (const order of permutations([started, client, employee])) {
      expect(foldCallEvents(order)).toMatchObject({ state: "TALKING", answeredAt: at(5) });
    }
  });

  it("marks a transfer to an outside number as on hold", () => {
    const events = [
      ...incomingAnswered.slice(0, 3),
      ev("callRedirected", 30, {
        callId: "c1",
        fromWorkplaceId: "wp-1",
        reason: "transfer",
        to: { number: "+79990000000" },
      }),
    ];
    expect(foldCallEvents(events)).toMatchObject({ state: "ON_HOLD", answeredAt: at(6) });
  });

  it("closes a call with Pult's own end, which a real end from the PBX overrides in any order", () => {
    const [started, delivered, answered, ended] = incomingAnswered;
    if (!started || !delivered || !answered || !ended) throw new Error("fixture");
    const madeUp: CallNotification = {
      id: `${CLOSED_ID_PREFIX}c1`,
      type: "callEnded",
      occurredAt: at(6),
      data: { callId: "c1", result: "answered", durationSec: 6, talkSec: 0, hasRecording: false },
    };
    expect(foldCallEvents([started, delivered, answered, madeUp])).toMatchObject({
      state: "ENDED",
      result: "ANSWERED",
      endedAt: at(6),
      isEndReported: false,
    });
    const real = foldCallEvents(incomingAnswered);
    expect(real.isEndReported).toBe(true);
    for (const order of permutations([started, delivered, answered, madeUp, ended]))
      expect(foldCallEvents(order)).toEqual(real);
  });
});
