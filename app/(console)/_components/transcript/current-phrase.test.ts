import { describe, expect, it } from "vitest";
import { currentPhrases } from "@/app/(console)/_components/transcript/current-phrase";

const a = { id: "a", startMs: 1000, endMs: 3000 };
const b = { id: "b", startMs: 2500, endMs: 5000 };
const c = { id: "c", startMs: 7000, endMs: 8000 };

describe("currentPhrases", () => {
  it("is nothing before the first phrase", () => {
    expect([...currentPhrases([a, b, c], 0.5)]).toEqual([]);
  });
  it("is every phrase being said, both parties when they overlap", () => {
    expect([...currentPhrases([a, b, c], 1.2)]).toEqual([a]);
    expect([...currentPhrases([a, b, c], 2.7)]).toEqual([a, b]);
  });
  it("keeps the last phrase through a pause", () => {
    expect([...currentPhrases([a, b, c], 6)]).toEqual([b]);
    expect([...currentPhrases([a, b, c], 9)]).toEqual([c]);
  });
});
