// A board row for tests: an incoming call ringing since 2026-11-26 10:00 UTC, with overrides.
import type { LiveCall } from "@/server/calls/live-call";

export const LIVE_CALL_T0 = new Date("2026-11-26T10:00:00Z");

export function liveCallFixture(id: string, overrides: Partial<LiveCall> = {}): LiveCall {
  return {
    id,
    externalId: `ext-${id}`,
    direction: "IN",
    fromNumber: "+79990001122",
    toNumber: "+74951234567",
    state: "RINGING",
    result: null,
    startedAt: LIVE_CALL_T0,
    ringingAt: LIVE_CALL_T0,
    answeredAt: null,
    endedAt: null,
    isClickToCall: false,
    foldVersion: 1,
    workplace: null,
    manager: null,
    client: null,
    numberLabel: null,
    routing: null,
    ...overrides,
  };
}
