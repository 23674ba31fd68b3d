import type { TimerHandle } from "@/server/pbx-simulator/clock";
import type { ContractRecordingFile } from "@/server/pbx-simulator/recordings";

export type CallDirection = "incoming" | "outgoing";
/** parked → ringing (a workplace) / dialing (an outside number) → talking → ended */
export type CallState = "parked" | "ringing" | "dialing" | "talking" | "ended";
export type CallResult = "answered" | "missed" | "busy" | "failed";
export type RedirectReason = "noAnswer" | "busy" | "transfer" | "unavailable";
export type RouteTarget = { workplaceId: string } | { number: string };
export type Decision = {
  method: "transferCall" | "terminateCall" | "timeout";
  target?: RouteTarget;
};

export type RouteEvent = {
  at: string;
  event: string;
  workplaceId?: string;
  number?: string;
  reason?: string;
  party?: "workplace" | "remote";
};

/** The simulator's full view of a call, as GET /control/calls/:id returns it. */
export type CallRecord = {
  callId: string;
  direction: CallDirection;
  from: string;
  to: string;
  pbxNumber: string | null;
  state: CallState;
  isTraffic: boolean;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  parked: boolean;
  parkedAt: string | null;
  decisionAt: string | null;
  decision: Decision | null;
  /** Click-to-call: which leg is ringing now ("first" = the employee, "second" = the client). */
  leg: "first" | "second" | null;
  workplaceId: string | null;
  ringingWorkplaceId: string | null;
  activeWorkplaceId: string | null;
  remoteNumber: string | null;
  pendingRoute: string[];
  result: CallResult | null;
  durationSec: number | null;
  talkSec: number | null;
  hasRecording: boolean;
  recording: { recordingId: string; files: ContractRecordingFile[] } | null;
  history: RouteEvent[];
};

export type LiveCall = {
  record: CallRecord;
  startedMs: number;
  answeredMs: number | null;
  lastFailure: "noAnswer" | "busy" | null;
  timers: { park?: TimerHandle; ring?: TimerHandle; remote?: TimerHandle };
};

export type EngineErrorCode =
  "not_found" | "not_parked" | "ended" | "workplace_not_found" | "number_invalid" | "conflict";

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type EngineEvent = "started" | "delivered" | "dialing" | "answered" | "ended";
export type EngineListener = (event: EngineEvent, call: CallRecord) => void;

export type EngineSettings = {
  parkTimeoutMs: number;
  ringTimeoutMs: number;
  /** How long an outside party rings before picking up; null = only via the control API. */
  remoteAnswerDelayMs: number | null;
  recordingDelayMs: number;
  historyPageSize: number;
};
