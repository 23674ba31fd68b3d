import { describe, expect, it } from "vitest";
import { scriptContent, type ScriptContent } from "@/lib/scripts/schemas";
import {
  matchScript,
  prepareTranscript,
  stemsMatch,
  stemWord,
  type MatchSegment,
} from "@/server/scripts/matcher";

const seg = (
  id: string,
  party: MatchSegment["party"],
  startSec: number,
  endSec: number,
  text: string,
): MatchSegment => ({ id, party, startMs: startSec * 1000, endMs: endSec * 1000, text });

const script = (steps: unknown[]): ScriptContent => scriptContent.parse({ steps });

const run = (steps: unknown[], segments: MatchSegment[]) =>
  matchScript(script(steps), prepareTranscript(segments));

describe("stems", () => {
  it("reduces inflected Russian words to one stem", () => {
    expect(stemWord("оформить")).toBe(stemWord("оформили"));
    expect(stemWord("Заказы")).toBe(stemWord("заказ"));
    expect(stemWord("компании")).toBe(stemWord("компания"));
  });

  it("treats ё as е and ignores case", () => {
    expect(stemWord("Ещё")).toBe(stemWord("еще"));
  });

  it("allows small edits on long stems but none on short ones", () => {
    expect(stemsMatch("здравств", "здраств")).toBe(true);
    expect(stemsMatch("да", "до")).toBe(false);
    expect(stemsMatch("заказ", "отказ")).toBe(false);
  });
});

describe("matchScript", () => {
  it("matches an inflected phrase and keeps the evidence", () => {
    const [result] = run(
      [{ id: "order", title: "Order", phrases: ["оформить заказ"] }],
      [seg("s1", "MANAGER", 10, 14, "Мы уже оформили заказы, и всё в порядке.")],
    );
    expect(result?.status).toBe("PASSED");
    expect(result?.evidence).toEqual([
      expect.objectContaining({
        phrase: "оформить заказ",
        text: "оформили заказы",
        party: "MANAGER",
        segmentId: "s1",
        isForbidden: false,
      }),
    ]);
    // The third and fourth of eight words of a 4-second segment.
    expect(result?.evidence[0]?.startMs).toBe(11_000);
    expect(result?.evidence[0]?.endMs).toBe(12_000);
  });

  it("tolerates a recognition typo", () => {
    const [result] = run(
      [{ id: "hello", title: "Greeting", phrases: ["здравствуйте, компания Ромашка"] }],
      [seg("s1", "MANAGER", 0, 3, "здраствуйте компания ромашко слушаю вас")],
    );
    expect(result?.status).toBe("PASSED");
    expect(result?.evidence[0]?.text).toBe("здраствуйте компания ромашко");
  });

  it("does not match a different word of the same length", () => {
    const [result] = run(
      [{ id: "order", title: "Order", phrases: ["оформить заказ"] }],
      [seg("s1", "MANAGER", 0, 3, "оформить отказ")],
    );
    expect(result).toMatchObject({ status: "MISSED", reason: "notFound", evidence: [] });
  });

  it("needs the words to be consecutive", () => {
    const [result] = run(
      [{ id: "order", title: "Order", phrases: ["оформить заказ"] }],
      [seg("s1", "MANAGER", 0, 3, "оформить, пожалуйста, заказ")],
    );
    expect(result?.status).toBe("MISSED");
  });

  it("matches across adjacent segments of the same party, not across the other party", () => {
    const steps = [{ id: "thanks", title: "Thanks", phrases: ["спасибо за звонок"] }];
    const [joined] = run(steps, [
      seg("s1", "MANAGER", 0, 2, "спасибо"),
      seg("s2", "MANAGER", 2, 4, "за звонок"),
    ]);
    expect(joined?.status).toBe("PASSED");
    expect(joined?.evidence[0]?.segmentId).toBe("s1");
    const [split] = run(steps, [
      seg("s1", "MANAGER", 0, 2, "спасибо"),
      seg("c1", "CLIENT", 2, 3, "угу"),
      seg("s2", "MANAGER", 3, 4, "за звонок"),
    ]);
    expect(split?.status).toBe("MISSED");
  });

  it("reports a forbidden phrase as a violation with its evidence", () => {
    const [result] = run(
      [
        {
          id: "polite",
          title: "Polite",
          phrases: ["спасибо"],
          forbidden: ["не знаю"],
        },
      ],
      [
        seg("s1", "MANAGER", 0, 2, "Спасибо за ожидание."),
        seg("s2", "MANAGER", 30, 32, "Ну я не знаю, это не ко мне."),
      ],
    );
    expect(result?.status).toBe("VIOLATED");
    expect(result?.reason).toBe("forbidden");
    expect(result?.evidence[0]).toMatchObject({
      phrase: "не знаю",
      text: "не знаю",
      segmentId: "s2",
      isForbidden: true,
    });
  });

  it("ignores a forbidden phrase said by the other party", () => {
    const [result] = run(
      [{ id: "polite", title: "Polite", forbidden: ["не знаю"], party: "MANAGER" }],
      [seg("c1", "CLIENT", 0, 2, "я не знаю")],
    );
    expect(result).toMatchObject({ status: "PASSED", evidence: [] });
  });

  it("applies the time window", () => {
    const steps = [
      { id: "hello", title: "Greeting", phrases: ["добрый день"], fromSec: 0, toSec: 15 },
    ];
    const [late] = run(steps, [seg("s1", "MANAGER", 40, 42, "добрый день")]);
    expect(late).toMatchObject({ status: "MISSED", reason: "outsideWindow" });
    expect(late?.evidence[0]?.startMs).toBe(40_000);
    const [early] = run(steps, [seg("s1", "MANAGER", 3, 5, "добрый день")]);
    expect(early?.status).toBe("PASSED");
  });

  it("applies the order of ordered steps", () => {
    const steps = [
      { id: "need", title: "Needs", phrases: ["что вас интересует"], isOrdered: true },
      { id: "offer", title: "Offer", phrases: ["могу предложить"], isOrdered: true },
    ];
    const inOrder = run(steps, [
      seg("s1", "MANAGER", 5, 7, "что вас интересует"),
      seg("s2", "MANAGER", 20, 22, "могу предложить тариф"),
    ]);
    expect(inOrder.map((r) => r.status)).toEqual(["PASSED", "PASSED"]);
    const reversed = run(steps, [
      seg("s1", "MANAGER", 5, 7, "могу предложить тариф"),
      seg("s2", "MANAGER", 20, 22, "что вас интересует"),
    ]);
    expect(reversed.map((r) => [r.status, r.reason])).toEqual([
      ["PASSED", "found"],
      ["MISSED", "outOfOrder"],
    ]);
  });

  it("requires the step's party, and says when the other party said it", () => {
    const [result] = run(
      [{ id: "name", title: "Name", phrases: ["меня зовут"], party: "MANAGER" }],
      [seg("c1", "CLIENT", 0, 2, "меня зовут Иван")],
    );
    expect(result).toMatchObject({ status: "MISSED", reason: "wrongParty" });
  });

  it("lets a mono transcript (no party) count for either party", () => {
    const [result] = run(
      [{ id: "name", title: "Name", phrases: ["меня зовут"], party: "MANAGER" }],
      [seg("m1", null, 0, 2, "меня зовут Анна")],
    );
    expect(result?.status).toBe("PASSED");
  });
});
