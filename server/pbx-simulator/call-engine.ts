import { randomUUID } from "node:crypto";
import { createCallFlow, type FlowContext } from "@/server/pbx-simulator/call-flow";
import {
  EngineError,
  type CallRecord,
  type EngineListener,
  type LiveCall,
  type RouteTarget,
} from "@/server/pbx-simulator/call-types";
import { e164Schema } from "@/server/pbx-simulator/structure";

// Ended calls kept for getCalls and the control API; the oldest go first on long traffic runs.
const ENDED_LIMIT = 20_000;

export type EngineContext = Omit<FlowContext, "live" | "onEnded" | "emitChange">;

function copy(record: CallRecord): CallRecord {
  return structuredClone(record);
}

export type CallEngine = ReturnType<typeof createCallEngine>;

export function createCallEngine(context: EngineContext) {
  const live = new Map<string, LiveCall>();
  const ended = new Map<string, CallRecord>();
  const listeners = new Set<EngineListener>();
  const flow = createCallFlow({
    ...context,
    live,
    onEnded(record) {
      ended.set(record.callId, record);
      if (ended.size > ENDED_LIMIT) ended.delete(ended.keys().next().value ?? record.callId);
    },
    emitChange(event, record) {
      for (const listener of listeners) listener(event, record);
    },
  });
  const { clock, notifier } = context;
  const iso = () => new Date(clock.now()).toISOString();

  function createCall(fields: Pick<CallRecord, "direction" | "from" | "to" | "pbxNumber">) {
    const record: CallRecord = {
      callId: randomUUID(),
      ...fields,
      state: "parked",
      isTraffic: false,
      startedAt: iso(),
      answeredAt: null,
      endedAt: null,
      parked: false,
      parkedAt: null,
      decisionAt: null,
      decision: null,
      leg: null,
      workplaceId: null,
      ringingWorkplaceId: null,
      activeWorkplaceId: null,
      remoteNumber: null,
      pendingRoute: [],
      result: null,
      durationSec: null,
      talkSec: null,
      hasRecording: false,
      recording: null,
      history: [],
    };
    const call: LiveCall = {
      record,
      startedMs: clock.now(),
      answeredMs: null,
      lastFailure: null,
      timers: {},
    };
    live.set(record.callId, call);
    flow.note(call, { event: "started" });
    return call;
  }

  function liveCall(callId: string, endedCode: "not_parked" | "ended" = "ended"): LiveCall {
    const call = live.get(callId);
    if (call) return call;
    if (ended.has(callId)) throw new EngineError(endedCode, `call ${callId} has already ended`);
    throw new EngineError("not_found", `call ${callId} not found`);
  }

  function checkTarget(target: RouteTarget): void {
    if ("workplaceId" in target) {
      if (!context.structure().workplaces.some((w) => w.id === target.workplaceId)) {
        throw new EngineError("workplace_not_found", `workplace ${target.workplaceId} not found`);
      }
    } else if (!e164Schema.safeParse(target.number).success) {
      throw new EngineError(
        "number_invalid",
        `number ${target.number} is not a valid E.164 number`,
      );
    }
  }

  function startIncoming(from: string, to: string, isTraffic = false): CallRecord {
    const pbxNumber = context.structure().numbers.find((n) => n.number === to);
    if (!pbxNumber) throw new EngineError("not_found", `${to} is not a number of this PBX`);
    const call = createCall({ direction: "incoming", from, to, pbxNumber: to });
    const { record } = call;
    record.isTraffic = isTraffic;
    record.parked = pbxNumber.parking;
    notifier.emit("callStarted", {
      callId: record.callId,
      direction: "incoming",
      from,
      to,
      parked: record.parked,
      ...(record.parked ? { parkTimeoutMs: context.settings.parkTimeoutMs } : {}),
    });
    listeners.forEach((listener) => listener("started", record));
    if (!record.parked) {
      flow.routeStandard(call);
      return copy(record);
    }
    record.parkedAt = record.startedAt;
    flow.note(call, { event: "parked" });
    call.timers.park = clock.setTimer(context.settings.parkTimeoutMs, () => {
      // No decision in time: the PBX stops waiting and later control calls get 1002.
      record.decision = { method: "timeout" };
      record.decisionAt = iso();
      flow.note(call, { event: "decision", reason: "timeout" });
      flow.routeStandard(call);
    });
    return copy(record);
  }

  /** `isTraffic`: placed by the traffic generator, whose simulated employees then handle it. */
  function makeCall(params: {
    workplaceId: string;
    to: string;
    callerNumber?: string;
    isTraffic?: boolean;
  }) {
    checkTarget({ workplaceId: params.workplaceId });
    checkTarget({ number: params.to });
    const numbers = context.structure().numbers;
    if (
      params.callerNumber !== undefined &&
      !numbers.some((n) => n.number === params.callerNumber)
    ) {
      throw new EngineError("number_invalid", `${params.callerNumber} is not a number of this PBX`);
    }
    const pbxNumber =
      params.callerNumber ??
      numbers.find((n) => n.workplaceIds.includes(params.workplaceId))?.number ??
      numbers[0]?.number ??
      null;
    const from = pbxNumber ?? params.workplaceId;
    const call = createCall({ direction: "outgoing", from, to: params.to, pbxNumber });
    const { record } = call;
    record.isTraffic = params.isTraffic ?? false;
    record.leg = "first";
    record.workplaceId = params.workplaceId;
    notifier.emit("callStarted", {
      callId: record.callId,
      direction: "outgoing",
      from,
      to: params.to,
      workplaceId: params.workplaceId,
      parked: false,
    });
    listeners.forEach((listener) => listener("started", record));
    record.pendingRoute = [params.workplaceId];
    flow.ringNext(call, null);
    return copy(record);
  }

  function transfer(callId: string, target: RouteTarget): void {
    const call = liveCall(callId, "not_parked");
    checkTarget(target);
    const { record } = call;
    if (record.state === "parked") {
      call.timers.park?.cancel();
      record.decision = { method: "transferCall", target };
      record.decisionAt = iso();
      flow.note(call, { event: "decision", reason: "transferCall", ...target });
      if ("number" in target) return flow.dialRemote(call, target.number);
      // Assumption: if the chosen workplace does not answer, the standard route continues.
      const rest = context.structure().numbers.find((n) => n.number === record.pbxNumber);
      const fallback = (rest?.workplaceIds ?? []).filter((id) => id !== target.workplaceId);
      record.pendingRoute = [target.workplaceId, ...fallback];
      return flow.ringNext(call, null);
    }
    if (record.state !== "talking") {
      throw new EngineError("not_parked", `call ${callId} is not parked (it is ${record.state})`);
    }
    const from = record.activeWorkplaceId;
    if (from !== null) {
      notifier.emit("callRedirected", {
        callId,
        fromWorkplaceId: from,
        reason: "transfer",
        to: target,
      });
    }
    flow.note(call, { event: "transfer", reason: "transfer", ...target });
    record.activeWorkplaceId = null; // a blind transfer: the employee leaves the call
    if ("number" in target) return flow.dialRemote(call, target.number);
    record.pendingRoute = [target.workplaceId];
    flow.ringNext(call, null);
  }

  function terminate(callId: string): void {
    const call = liveCall(callId, "not_parked");
    if (call.record.state !== "parked") {
      throw new EngineError(
        "not_parked",
        `call ${callId} is not parked (it is ${call.record.state})`,
      );
    }
    call.timers.park?.cancel();
    call.record.decision = { method: "terminateCall" };
    call.record.decisionAt = iso();
    flow.note(call, { event: "decision", reason: "terminateCall" });
    flow.routeStandard(call);
  }

  function answer(callId: string, workplaceId?: string): void {
    const call = liveCall(callId);
    const { record } = call;
    if (record.state === "dialing") return flow.remoteAnswer(call);
    const ringing = record.ringingWorkplaceId;
    if (record.state !== "ringing" || ringing === null) {
      throw new EngineError("conflict", `call ${callId} is not ringing (it is ${record.state})`);
    }
    if (workplaceId !== undefined && workplaceId !== ringing) {
      throw new EngineError(
        "conflict",
        `call ${callId} is ringing at ${ringing}, not ${workplaceId}`,
      );
    }
    call.timers.ring?.cancel();
    record.ringingWorkplaceId = null;
    record.activeWorkplaceId = ringing;
    record.workplaceId = ringing;
    flow.note(call, { event: "answered", workplaceId: ringing, party: "workplace" });
    notifier.emit("callAnswered", { callId, workplaceId: ringing, party: "workplace" });
    if (record.leg === "first") {
      record.leg = "second"; // click-to-call: the employee picked up, now dial the client
      listeners.forEach((listener) => listener("answered", record));
      return flow.dialRemote(call, record.to);
    }
    record.state = "talking";
    call.answeredMs ??= clock.now();
    record.answeredAt ??= iso();
    listeners.forEach((listener) => listener("answered", record));
  }

  function decline(callId: string): void {
    const call = liveCall(callId);
    const { record } = call;
    if (record.state === "dialing") {
      flow.note(call, { event: "declined", number: record.remoteNumber ?? undefined });
      return flow.endCall(call, call.answeredMs !== null ? "answered" : "busy");
    }
    const ringing = record.ringingWorkplaceId;
    if (record.state !== "ringing" || ringing === null) {
      throw new EngineError("conflict", `call ${callId} is not ringing (it is ${record.state})`);
    }
    call.timers.ring?.cancel();
    record.ringingWorkplaceId = null;
    call.lastFailure = "busy";
    flow.note(call, { event: "declined", workplaceId: ringing });
    flow.ringNext(call, { workplaceId: ringing, reason: "busy" });
  }

  function hangup(callId: string): void {
    const call = liveCall(callId);
    flow.note(call, { event: "hangup" });
    flow.endCall(call, call.answeredMs !== null ? "answered" : "missed");
  }

  return {
    startIncoming,
    makeCall,
    transfer,
    terminate,
    answer,
    decline,
    hangup,
    get(callId: string): CallRecord | undefined {
      const record = live.get(callId)?.record ?? ended.get(callId);
      return record ? copy(record) : undefined;
    },
    /** Ended calls first, then active ones; `limit` keeps the newest. */
    list(options: { isActive?: boolean; limit?: number } = {}): CallRecord[] {
      const active = [...live.values()].map((call) => call.record);
      const all = options.isActive ? active : [...ended.values(), ...active];
      return all.slice(Math.max(0, all.length - (options.limit ?? all.length))).map(copy);
    },
    /** Calls in progress, counted without copying them (the stats endpoint is polled). */
    countActive(filter: (record: CallRecord) => boolean = () => true): number {
      let count = 0;
      for (const call of live.values()) if (filter(call.record)) count++;
      return count;
    },
    endedCalls: () => ended.values(),
    onChange(listener: EngineListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close(): void {
      for (const call of live.values()) flow.cancelTimers(call);
    },
  };
}
