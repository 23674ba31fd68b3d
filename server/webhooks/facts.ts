// What happened, as the code that saw it knows it: carried by a "webhooks.emit" job, turned into
// signed messages by server/webhooks/emit.ts (names, emails and routing looked up there, off the
// live path). Pure: the fold's hook (fold-hook.ts) derives the call facts from its writes.
import type { CallRowState } from "@/server/calls/fold-write";
import type { TaskChange } from "@/server/tasks/sync";

export type CallSnapshot = {
  id: string;
  externalId: string;
  direction: CallRowState["direction"];
  state: CallRowState["state"];
  result: CallRowState["result"];
  from: string;
  to: string;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  talkSec: number | null;
  isClickToCall: boolean;
  isEndReported: boolean;
  managerId: string | null;
  workplaceId: string | null;
  clientId: string | null;
};

export type CallFact = {
  kind: "call";
  type: "call.started" | "call.ringing" | "call.answered" | "call.ended";
  at: string;
  sequence: number;
  call: CallSnapshot;
};
export type TaskFact = {
  kind: "task";
  type: "task.created" | "task.closed";
  at: string;
  taskId: string;
};
export type ClientFact = {
  kind: "client";
  type: "client.assigned";
  at: string;
  clientId: string;
  managerId: string | null;
  previousManagerId: string | null;
  /** A temporary assignment (a vacation) ends then; null when permanent. */
  until: string | null;
};
export type RecordingFact = {
  kind: "recording";
  type: "recording.ready";
  at: string;
  recordingId: string;
};
export type WebhookFact = CallFact | TaskFact | ClientFact | RecordingFact;

// A call's events get sequence numbers from its fold_version, which every write of the call
// bumps by one (a conditional update: two writers never share a version). One write may carry
// several events (a history fill brings start, answer and end at once): they take the slots of
// their version in this order, so the numbers grow with every event of the call.
const SLOTS = 8;
const ORDINAL = {
  "call.started": 0,
  "call.ringing": 1,
  "call.answered": 2,
  "call.ended": 3,
} as const;
/** recording.ready comes after the call's events of the version it was read at. */
export const RECORDING_SLOT = 7;

export const sequenceOf = (version: number, slot: number) => version * SLOTS + slot;

export function snapshotOf(row: CallRowState, externalId: string): CallSnapshot {
  return {
    id: row.id,
    externalId,
    direction: row.direction,
    state: row.state,
    result: row.result,
    from: row.fromNumber,
    to: row.toNumber,
    startedAt: row.startedAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    talkSec: row.talkSec,
    isClickToCall: row.isClickToCall,
    isEndReported: row.isEndReported,
    managerId: row.managerId,
    workplaceId: row.workplaceId,
    clientId: row.clientId,
  };
}

/**
 * The call events one fold write means: the first write starts the call; a delivery to a
 * workplace (or a redirect to another) rings; the first answer answers; reaching ENDED ends it.
 */
export function callFactsOf(
  previous: CallRowState | null,
  row: CallRowState,
  externalId: string,
  isRingingNow: boolean,
  now: Date,
): CallFact[] {
  const call = snapshotOf(row, externalId);
  const fact = (type: CallFact["type"], at: Date | null): CallFact => ({
    kind: "call",
    type,
    at: (at ?? now).toISOString(),
    sequence: sequenceOf(row.version, ORDINAL[type]),
    call,
  });
  const facts: CallFact[] = [];
  if (!previous) facts.push(fact("call.started", row.startedAt));
  if (isRingingNow && row.state === "RINGING") facts.push(fact("call.ringing", now));
  if (row.answeredAt && !previous?.answeredAt) facts.push(fact("call.answered", row.answeredAt));
  if (row.state === "ENDED" && previous?.state !== "ENDED")
    facts.push(fact("call.ended", row.endedAt));
  return facts;
}

/** A callback task the fold created, or closed because the client was reached. */
export function taskFactOf(change: TaskChange, now: Date): TaskFact | null {
  if (change.change === "created")
    return { kind: "task", type: "task.created", at: now.toISOString(), taskId: change.taskId };
  if (change.change === "resolved")
    return { kind: "task", type: "task.closed", at: now.toISOString(), taskId: change.taskId };
  return null;
}
