// Pure rules for callback tasks, kept apart from the database so they can be unit-tested.

export type TaskCallInput = {
  direction: "IN" | "OUT" | "INTERNAL";
  state: "PARKED" | "RINGING" | "TALKING" | "ON_HOLD" | "ENDED";
  result: "ANSWERED" | "MISSED" | "BUSY" | "FAILED" | null;
  answeredAt: Date | null;
  isClickToCall: boolean;
  fromNumber: string;
  toNumber: string;
};

/**
 * What a call means for callback tasks:
 * - missed: an incoming call that ended missed or busy (a click-to-call is outgoing, so its
 *   employee leg never counts);
 * - resolved: any conversation with the number — an answered callback or the client calling
 *   again and being answered;
 * - attempt: an outgoing call that ended without the client answering. It does NOT close the
 *   task: nobody has talked to the client yet.
 * Null while the call is still in progress or when it says nothing about a callback.
 */
export type TaskCallKind = "missed" | "resolved" | "attempt";

export function classifyCall(call: TaskCallInput): { kind: TaskCallKind; phone: string } | null {
  const phone = call.direction === "OUT" ? call.toNumber : call.fromNumber;
  // "" until callStarted arrives: events come in any order.
  if (phone === "" || call.direction === "INTERNAL") return null;
  // result ANSWERED may arrive before the callAnswered event itself.
  if (call.answeredAt !== null || call.result === "ANSWERED") return { kind: "resolved", phone };
  if (call.state !== "ENDED") return null;
  if (call.direction === "IN" && !call.isClickToCall) {
    return call.result === "MISSED" || call.result === "BUSY" ? { kind: "missed", phone } : null;
  }
  return call.direction === "OUT" ? { kind: "attempt", phone } : null;
}

/** The client's personal manager, else the tenant's default owner, else nobody. */
export function chooseAssignee(input: {
  personalManagerId: string | null;
  defaultOwnerId: string | null;
}): string | null {
  return input.personalManagerId ?? input.defaultOwnerId ?? null;
}

/** Seconds from the first missed call to the conversation that resolved it; never negative. */
export function resolutionSeconds(missedAt: Date, resolvedAt: Date): number {
  return Math.max(0, Math.round((resolvedAt.getTime() - missedAt.getTime()) / 1000));
}

/**
 * A conversation resolves a task only if it happened after the missed call: re-applying an
 * older answered call (late events) must not close a newer task.
 */
export function canResolve(missedAt: Date, answeredAt: Date): boolean {
  return answeredAt.getTime() >= missedAt.getTime();
}
