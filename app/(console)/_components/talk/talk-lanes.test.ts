import { describe, expect, it } from "vitest";
import { lanePieces, nextTurnStart } from "@/app/(console)/_components/talk/talk-lanes";

describe("lanePieces", () => {
  it("places each speech interval as a share of the player's timeline", () => {
    expect(lanePieces([1000, 3000, 5000, 10_000], 10)).toEqual([
      { startSec: 1, endSec: 3, leftPct: 10, widthPct: 20 },
      { startSec: 5, endSec: 10, leftPct: 50, widthPct: 50 },
    ]);
  });

  it("clips to the timeline and keeps a short blip visible", () => {
    const [blip, clipped] = lanePieces([0, 10, 9000, 12_000], 10);
    expect(blip?.widthPct).toBe(0.25);
    expect(clipped).toMatchObject({ startSec: 9, endSec: 10 });
    expect(lanePieces([11_000, 12_000], 10)).toEqual([]);
    expect(lanePieces([0, 1000], 0)).toEqual([]);
  });
});

describe("nextTurnStart", () => {
  const lanes = [
    [1000, 3000, 8000, 9000],
    [4000, 6000],
  ];
  it("goes to the next turn of either party", () => {
    expect(nextTurnStart(lanes, 0, 1)).toBe(1);
    expect(nextTurnStart(lanes, 1, 1)).toBe(4);
    expect(nextTurnStart(lanes, 8.5, 1)).toBeNull();
  });
  it("goes back to the previous turn, not to the one just started", () => {
    expect(nextTurnStart(lanes, 4.2, -1)).toBe(1);
    expect(nextTurnStart(lanes, 5, -1)).toBe(4);
    expect(nextTurnStart(lanes, 1.2, -1)).toBeNull();
  });
});
