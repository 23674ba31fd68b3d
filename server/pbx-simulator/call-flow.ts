import type { Clock } from "@/server/pbx-simulator/clock";
import type {
  CallRecord,
  CallResult,
  EngineEvent,
  EngineSettings,
  LiveCall,
  RedirectReason,
  RouteEvent,
} from "@/server/pbx-simulator/call-types";
import type { Notifier } from "@/server/pbx-simulator/notifier";
import type { RecordingStore } from "@/server/pbx-simulator/recordings";
import type { Structure } from "@/server/pbx-simulator/structure";

export type FlowContext = {
  clock: Clock;
  notifier: Notifier;
  structure: () => Structure;
  recordings: RecordingStore;
  baseUrl: () => string;
  settings: EngineSettings;
  live: Map<string, LiveCall>;
  onEnded: (call: CallRecord) => void;
  emitChange: (event: EngineEvent, call: CallRecord) => void;
};

type RedirectFrom = { workplaceId: string; reason: RedirectReason };

/** The PBX's internal call transitions; public actions in call-engine.ts build on these. */
export function createCallFlow(ctx: FlowContext) {
  const iso = () => new Date(ctx.clock.now()).toISOString();

  function note(call: LiveCall, event: Omit<RouteEvent, "at">): void {
    call.record.history.push({ at: iso(), ...event });
  }

  function cancelTimers(call: LiveCall): void {
    for (const timer of Object.values(call.timers)) timer?.cancel();
    call.timers = {};
  }

  /** A workplace is one line: ringing or talking on another call makes it busy. */
  function isOccupied(workplaceId: string, except: LiveCall): boolean {
    for (const other of ctx.live.values()) {
      if (other === except) continue;
      const { ringingWorkplaceId, activeWorkplaceId } = other.record;
      if (ringingWorkplaceId === workplaceId || activeWorkplaceId === workplaceId) return true;
    }
    return false;
  }

  function standardRoute(call: LiveCall): string[] {
    const pbxNumber = ctx.structure().numbers.find((n) => n.number === call.record.pbxNumber);
    return [...(pbxNumber?.workplaceIds ?? [])];
  }

  function ringNext(call: LiveCall, from: RedirectFrom | null): void {
    const next = call.record.pendingRoute.shift();
    if (next === undefined) {
      const failed: CallResult = call.lastFailure === "busy" ? "busy" : "missed";
      endCall(call, call.answeredMs !== null ? "answered" : failed);
      return;
    }
    if (from) {
      ctx.notifier.emit("callRedirected", {
        callId: call.record.callId,
        fromWorkplaceId: from.workplaceId,
        reason: from.reason,
        to: { workplaceId: next },
      });
    }
    deliver(call, next);
  }

  function deliver(call: LiveCall, workplaceId: string): void {
    const { record } = call;
    if (!ctx.structure().workplaces.some((w) => w.id === workplaceId)) {
      note(call, { event: "unavailable", workplaceId });
      ringNext(call, { workplaceId, reason: "unavailable" });
      return;
    }
    if (isOccupied(workplaceId, call)) {
      call.lastFailure = "busy";
      note(call, { event: "busy", workplaceId });
      ringNext(call, { workplaceId, reason: "busy" });
      return;
    }
    record.state = "ringing";
    record.ringingWorkplaceId = workplaceId;
    note(call, { event: "delivered", workplaceId });
    ctx.notifier.emit("callDelivered", { callId: record.callId, workplaceId });
    call.timers.ring = ctx.clock.setTimer(ctx.settings.ringTimeoutMs, () => noAnswer(call));
    ctx.emitChange("delivered", record);
  }

  function noAnswer(call: LiveCall): void {
    const workplaceId = call.record.ringingWorkplaceId;
    if (call.record.state !== "ringing" || workplaceId === null) return;
    call.record.ringingWorkplaceId = null;
    call.lastFailure = "noAnswer";
    note(call, { event: "noAnswer", workplaceId });
    ringNext(call, { workplaceId, reason: "noAnswer" }); // click-to-call: nothing next → missed
  }

  function routeStandard(call: LiveCall): void {
    call.record.pendingRoute = standardRoute(call);
    ringNext(call, null);
  }

  /** Rings an outside number: the client of a click-to-call or a transfer target. */
  function dialRemote(call: LiveCall, number: string): void {
    const { record } = call;
    record.state = "dialing";
    record.remoteNumber = number;
    note(call, { event: "dialing", number });
    call.timers.ring = ctx.clock.setTimer(ctx.settings.ringTimeoutMs, () => {
      note(call, { event: "noAnswer", number });
      endCall(call, call.answeredMs !== null ? "answered" : "missed");
    });
    const delay = ctx.settings.remoteAnswerDelayMs;
    if (delay !== null) call.timers.remote = ctx.clock.setTimer(delay, () => remoteAnswer(call));
    ctx.emitChange("dialing", record);
  }

  function remoteAnswer(call: LiveCall): void {
    const { record } = call;
    if (record.state !== "dialing") return;
    cancelTimers(call);
    record.state = "talking";
    call.answeredMs ??= ctx.clock.now();
    record.answeredAt ??= iso();
    note(call, { event: "answered", number: record.remoteNumber ?? undefined, party: "remote" });
    if (record.leg === "second" && record.workplaceId !== null) {
      ctx.notifier.emit("callAnswered", {
        callId: record.callId,
        workplaceId: record.workplaceId,
        party: "remote",
      });
    }
    record.leg = null;
    ctx.emitChange("answered", record);
  }

  function endCall(call: LiveCall, result: CallResult): void {
    const { record } = call;
    if (record.state === "ended") return;
    cancelTimers(call);
    const now = ctx.clock.now();
    record.state = "ended";
    record.endedAt = iso();
    record.result = result;
    record.durationSec = Math.round((now - call.startedMs) / 1000);
    record.talkSec =
      result === "answered" && call.answeredMs !== null
        ? Math.round((now - call.answeredMs) / 1000)
        : 0;
    record.hasRecording = record.talkSec > 0;
    record.ringingWorkplaceId = null;
    record.activeWorkplaceId = null;
    record.pendingRoute = [];
    note(call, { event: "ended", reason: result });
    ctx.live.delete(record.callId);
    ctx.onEnded(record);
    ctx.notifier.emit("callEnded", {
      callId: record.callId,
      result,
      durationSec: record.durationSec,
      talkSec: record.talkSec,
      hasRecording: record.hasRecording,
    });
    ctx.emitChange("ended", record);
    if (record.hasRecording) {
      // Like the real PBX, the file is ready a moment after the call ends.
      ctx.clock.setTimer(ctx.settings.recordingDelayMs, () => publishRecording(record));
    }
  }

  function publishRecording(record: CallRecord): void {
    const recording = ctx.recordings.create(record.callId, record.talkSec ?? 0);
    const files = ctx.recordings.contractFiles(recording, ctx.baseUrl());
    record.recording = { recordingId: recording.recordingId, files };
    ctx.notifier.emit("recordingReady", {
      callId: record.callId,
      recordingId: recording.recordingId,
      files,
    });
  }

  return {
    note,
    cancelTimers,
    ringNext,
    deliver,
    routeStandard,
    dialRemote,
    remoteAnswer,
    endCall,
  };
}
