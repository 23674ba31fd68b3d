import { describe, expect, it } from "vitest";
import type { Criterion } from "@/lib/schemas/quality";
import { scriptContent } from "@/lib/scripts/schemas";
import { scriptApplies } from "@/server/scripts/applicable";
import { autoAnswersOf } from "@/server/scripts/auto-answers";
import type { StepResult } from "@/server/scripts/matcher";

describe("scriptApplies", () => {
  const incoming = { direction: "IN", fromNumber: "+79001112233", toNumber: "+74950000001" };
  const outgoing = { direction: "OUT", fromNumber: "+74950000001", toNumber: "+79001112233" };
  const script = { isEnabled: true, directions: [] as string[], numbers: [] as string[] };

  it("applies to every call when it names no direction or number", () => {
    expect(scriptApplies(script, incoming)).toBe(true);
    expect(scriptApplies(script, outgoing)).toBe(true);
    expect(scriptApplies({ ...script, isEnabled: false }, incoming)).toBe(false);
  });

  it("takes the number dialed of an incoming call and the caller's number of an outgoing one", () => {
    const sales = { ...script, numbers: ["+74950000001"] };
    expect(scriptApplies(sales, incoming)).toBe(true);
    expect(scriptApplies(sales, outgoing)).toBe(true);
    expect(scriptApplies({ ...script, numbers: ["+79001112233"] }, incoming)).toBe(false);
    expect(scriptApplies({ ...sales, directions: ["OUT"] }, incoming)).toBe(false);
  });
});

describe("autoAnswersOf", () => {
  const content = scriptContent.parse({
    steps: [
      { id: "a", title: "A", phrases: ["да"], criterionId: "greet" },
      { id: "b", title: "B", phrases: ["да"], criterionId: "greet" },
      { id: "c", title: "C", phrases: ["да"], criterionId: "offer" },
      { id: "d", title: "D", phrases: ["да"], criterionId: "gone" },
      { id: "e", title: "E", phrases: ["да"] },
    ],
  });
  const criteria: Criterion[] = [
    { id: "greet", title: "Greet", description: "", kind: "yesNo", weight: 1, isCritical: false },
    { id: "offer", title: "Offer", description: "", kind: "scale", weight: 1, isCritical: false },
  ];
  const result = (stepId: string, status: StepResult["status"]): StepResult => ({
    stepId,
    status,
    reason: "found",
    evidence: [],
  });

  it("passes a criterion only when every linked step passed", () => {
    expect(
      autoAnswersOf(
        content,
        [
          result("a", "PASSED"),
          result("b", "VIOLATED"),
          result("c", "PASSED"),
          result("d", "PASSED"),
        ],
        criteria,
      ),
    ).toEqual([
      { criterionId: "greet", value: "no", stepIds: ["a", "b"] },
      { criterionId: "offer", value: "5", stepIds: ["c"] },
    ]);
    expect(
      autoAnswersOf(
        content,
        [result("a", "PASSED"), result("b", "PASSED"), result("c", "MISSED")],
        criteria,
      ),
    ).toEqual([
      { criterionId: "greet", value: "yes", stepIds: ["a", "b"] },
      { criterionId: "offer", value: "1", stepIds: ["c"] },
    ]);
  });
});
