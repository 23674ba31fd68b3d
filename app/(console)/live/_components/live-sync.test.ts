import { describe, expect, it } from "vitest";
import { liveCallFixture as call } from "@/server/calls/live-call-fixture";
import {
  applyCallUpdates,
  applyPatch,
  createPushLog,
  mergeNewerCall,
} from "@/app/(console)/live/_components/live-sync";
import type { LiveCall, LiveData } from "@/app/(console)/live/_components/types";

const board = (...calls: LiveCall[]): LiveData => ({
  calls,
  managers: [],
  myPresence: "AVAILABLE",
  serverTime: new Date("2026-11-26T10:00:00Z"),
});

const stateOf = (data: LiveData) => data.calls.map((c) => `${c.id}:${c.state}@${c.foldVersion}`);

describe("mergeNewerCall", () => {
  it("takes a push of the same or a later fold, and adds a call it does not have", () => {
    const ringing = call("a", { foldVersion: 1 });
    const talking = call("a", { state: "TALKING", foldVersion: 2 });
    expect(stateOf(mergeNewerCall(board(ringing), talking))).toEqual(["a:TALKING@2"]);
    const linked = call("a", { client: { id: "k", name: "K", company: null, isVip: false } });
    expect(mergeNewerCall(board(ringing), linked).calls[0]?.client?.id).toBe("k");
    expect(stateOf(mergeNewerCall(board(), ringing))).toEqual(["a:RINGING@1"]);
  });

  it("keeps the cached call when the push is of an earlier fold", () => {
    const talking = call("a", { state: "TALKING", foldVersion: 2 });
    const data = board(talking);
    expect(mergeNewerCall(data, call("a", { foldVersion: 1 }))).toBe(data);
  });
});

describe("createPushLog", () => {
  it("keeps a call pushed while an answer read before it existed was on its way", () => {
    const log = createPushLog();
    log.record(call("a", { foldVersion: 1 }));
    expect(stateOf(log.layOver(board()).data)).toEqual(["a:RINGING@1"]);
  });

  it("keeps the later of the fetched and the pushed state of each call", () => {
    const log = createPushLog();
    log.record(call("a", { state: "TALKING", foldVersion: 2 }));
    log.record(call("b", { state: "TALKING", foldVersion: 2 }));
    const fetched = board(
      call("a", { foldVersion: 1 }),
      call("b", { state: "ENDED", foldVersion: 3 }),
    );
    expect(stateOf(log.layOver(fetched).data)).toEqual(["a:TALKING@2", "b:ENDED@3"]);
  });

  it("lays each call's latest push, and only over the next answer", () => {
    const log = createPushLog();
    log.record(call("a", { foldVersion: 1 }));
    log.record(call("a", { state: "TALKING", foldVersion: 2 }));
    expect(stateOf(log.layOver(board()).data)).toEqual(["a:TALKING@2"]);
    expect(log.isEmpty()).toBe(true);

    log.record(call("b", { foldVersion: 1 }));
    log.clear(); // that fetch failed: the cache kept its pushes, the log has nothing to add
    expect(log.isEmpty()).toBe(true);
  });
});

describe("patches", () => {
  const ringing = call("a", { foldVersion: 1 });
  const toTalking = { id: "a", foldVersion: 2, baseVersion: 1, state: "TALKING" as const };

  it("apply to the call at their base version, changing only what they carry", () => {
    const data = applyPatch(board(ringing), toTalking);
    expect(data && stateOf(data)).toEqual(["a:TALKING@2"]);
    expect(data?.calls[0]?.fromNumber).toBe(ringing.fromNumber);
  });

  it("are dropped when the board already has that fold or a later one", () => {
    const talking = call("a", { state: "TALKING", foldVersion: 2 });
    const data = board(talking);
    expect(applyPatch(data, toTalking)).toBe(data);
  });

  it("ask for a refetch for a call the board lacks or a push it missed", () => {
    expect(applyPatch(board(), toTalking)).toBeNull();
    const ended = { id: "a", foldVersion: 4, baseVersion: 3, state: "ENDED" as const };
    expect(applyPatch(board(ringing), ended)).toBeNull();
    const applied = applyCallUpdates(board(ringing), [toTalking, ended]);
    expect(stateOf(applied.data)).toEqual(["a:TALKING@2"]);
    expect(applied.needsRefetch).toBe(true);
  });

  it("lay over an answer in order, after the call's last full push", () => {
    const log = createPushLog();
    log.record(ringing);
    log.record(toTalking);
    log.record({ id: "a", foldVersion: 3, baseVersion: 2, state: "ENDED" });
    const laid = log.layOver(board());
    expect(stateOf(laid.data)).toEqual(["a:ENDED@3"]);
    expect(laid.needsRefetch).toBe(false);
    // An answer that already has the second fold: the first patch is old, the next applies.
    log.record(toTalking);
    log.record({ id: "a", foldVersion: 3, baseVersion: 2, state: "ENDED" });
    const later = log.layOver(board(call("a", { state: "TALKING", foldVersion: 2 })));
    expect(stateOf(later.data)).toEqual(["a:ENDED@3"]);
    expect(later.needsRefetch).toBe(false);
  });
});
