import { describe, expect, it } from "vitest";
import { liveCallFixture as call } from "@/server/calls/live-call-fixture";
import { createPushLog, mergeNewerCall } from "@/app/(console)/live/_components/live-sync";
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
    expect(stateOf(log.layOver(board()))).toEqual(["a:RINGING@1"]);
  });

  it("keeps the later of the fetched and the pushed state of each call", () => {
    const log = createPushLog();
    log.record(call("a", { state: "TALKING", foldVersion: 2 }));
    log.record(call("b", { state: "TALKING", foldVersion: 2 }));
    const fetched = board(
      call("a", { foldVersion: 1 }),
      call("b", { state: "ENDED", foldVersion: 3 }),
    );
    expect(stateOf(log.layOver(fetched))).toEqual(["a:TALKING@2", "b:ENDED@3"]);
  });

  it("lays each call's latest push, and only over the next answer", () => {
    const log = createPushLog();
    log.record(call("a", { foldVersion: 1 }));
    log.record(call("a", { state: "TALKING", foldVersion: 2 }));
    expect(stateOf(log.layOver(board()))).toEqual(["a:TALKING@2"]);
    expect(log.isEmpty()).toBe(true);

    log.record(call("b", { foldVersion: 1 }));
    log.clear(); // that fetch failed: the cache kept its pushes, the log has nothing to add
    expect(log.isEmpty()).toBe(true);
  });
});
