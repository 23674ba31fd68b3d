import { describe, expect, it } from "vitest";
import { parseExplanation } from "@/lib/schemas/routing-steps";

describe("parseExplanation", () => {
  it("keeps the stored steps of a decision as typed steps", () => {
    const stored = [
      { kind: "ruleMatched", rule: "Personal manager" },
      { kind: "personalManager", name: "Igor Pavlov", status: "busy" },
      { kind: "fallback", index: 1 },
      { kind: "release", reason: "action" },
    ];
    expect(parseExplanation(stored)).toEqual(stored);
  });

  it("turns older or unknown shapes into text instead of dropping them", () => {
    expect(
      parseExplanation(["matched by hand", { text: "VIP line" }, { kind: "teleport", to: "Mars" }]),
    ).toEqual([
      { kind: "text", text: "matched by hand" },
      { kind: "text", text: "VIP line" },
      { kind: "text", text: '{"kind":"teleport","to":"Mars"}' },
    ]);
  });

  it("rejects a known kind with a wrong field rather than trusting it", () => {
    expect(parseExplanation([{ kind: "personalManager", name: "A", status: "asleep" }])).toEqual([
      { kind: "text", text: '{"kind":"personalManager","name":"A","status":"asleep"}' },
    ]);
  });

  it("reads nothing stored as no steps, and a single object as one step", () => {
    expect(parseExplanation(null)).toEqual([]);
    expect(parseExplanation({ kind: "noRules" })).toEqual([{ kind: "noRules" }]);
  });
});
