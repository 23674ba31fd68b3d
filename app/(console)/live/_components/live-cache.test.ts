import { describe, expect, it } from "vitest";
import {
  displayStatus,
  isLongGone,
  isUnknownPartial,
  mergeCall,
  mergeManager,
  timerStart,
} from "@/app/(console)/live/_components/live-cache";
import { LIVE_CALL_T0, liveCallFixture } from "@/server/calls/live-call-fixture";
import type { LiveData, ManagerStatus } from "@/app/(console)/live/_components/types";

const t0 = LIVE_CALL_T0;
const call = liveCallFixture;

function manager(id: string, name: string, overrides: Partial<ManagerStatus> = {}): ManagerStatus {
  return {
    id,
    name,
    workplace: null,
    presence: "AVAILABLE",
    activity: "idle",
    today: { answered: 0, missed: 0, talkSec: 0 },
    ...overrides,
  };
}

const empty: LiveData = { calls: [], managers: [], myPresence: "OFFLINE", serverTime: t0 };

describe("mergeCall", () => {
  it("replaces a call with the same id instead of duplicating it", () => {
    const data = mergeCall(mergeCall(empty, call("a")), call("a", { state: "TALKING" }));
    expect(data.calls).toHaveLength(1);
    expect(data.calls[0]?.state).toBe("TALKING");
  });

  it("keeps calls ordered by start time when a new one arrives", () => {
    const later = call("late", { startedAt: new Date(t0.getTime() + 60_000) });
    const data = mergeCall(mergeCall(empty, later), call("early"));
    expect(data.calls.map((c) => c.id)).toEqual(["early", "late"]);
  });
});

describe("mergeManager", () => {
  it("replaces by id and keeps names in order", () => {
    let data = mergeManager(empty, manager("b", "Boris"));
    data = mergeManager(data, manager("a", "Anna"));
    data = mergeManager(data, manager("b", "Boris", { presence: "BREAK" }));
    expect(data.managers.map((m) => [m.name, m.presence])).toEqual([
      ["Anna", "AVAILABLE"],
      ["Boris", "BREAK"],
    ]);
  });
});

describe("mergeManager with partial entries", () => {
  const board = mergeManager(mergeManager(empty, manager("a", "Anna")), manager("b", "Boris"));

  it("replaces only the fields an entry carries", () => {
    const data = mergeManager(board, {
      id: "a",
      activity: "talking",
      today: { answered: 2, missed: 1, talkSec: 90 },
    });
    expect(data.managers[0]).toEqual(
      manager("a", "Anna", { activity: "talking", today: { answered: 2, missed: 1, talkSec: 90 } }),
    );
    expect(data.managers[1]).toBe(board.managers[1]);
  });

  it("keeps the list in name order when a manager is renamed", () => {
    const data = mergeManager(board, { id: "a", name: "Zoya" });
    expect(data.managers.map((m) => m.name)).toEqual(["Boris", "Zoya"]);
  });

  it("adds a manager it did not know only from a complete entry, else asks for a refetch", () => {
    const partial = { id: "c", activity: "ringing" as const };
    expect(mergeManager(board, partial)).toBe(board);
    expect(isUnknownPartial(board, partial)).toBe(true);
    expect(isUnknownPartial(board, { id: "a", activity: "ringing" })).toBe(false);
    const complete = manager("c", "Clara");
    expect(isUnknownPartial(board, complete)).toBe(false);
    expect(mergeManager(board, complete).managers.map((m) => m.name)).toEqual([
      "Anna",
      "Boris",
      "Clara",
    ]);
  });
});

describe("displayStatus", () => {
  it("lets being on a call win over the chosen presence", () => {
    expect(displayStatus(manager("a", "A", { presence: "BREAK", activity: "talking" }))).toBe(
      "talking",
    );
    expect(displayStatus(manager("a", "A", { presence: "OFFLINE", activity: "ringing" }))).toBe(
      "ringing",
    );
    expect(displayStatus(manager("a", "A", { presence: "BREAK" }))).toBe("BREAK");
  });
});

describe("timerStart and isLongGone", () => {
  it("counts talk time from the answer, waiting time from the start", () => {
    const answeredAt = new Date(t0.getTime() + 10_000);
    expect(timerStart(call("a", { state: "TALKING", answeredAt }))).toBe(answeredAt);
    expect(timerStart(call("a", { state: "RINGING" }))).toBe(t0);
  });

  it("only treats calls that ended well before now as gone", () => {
    const endedAt = new Date(t0.getTime() + 1_000);
    const ended = call("a", { state: "ENDED", endedAt });
    expect(isLongGone(ended, endedAt.getTime() + 1_000)).toBe(false);
    expect(isLongGone(ended, endedAt.getTime() + 60_000)).toBe(true);
    expect(isLongGone(call("b"), t0.getTime() + 60_000)).toBe(false);
  });
});
