import { describe, expect, it } from "vitest";
import { createTranslator } from "@/lib/i18n/translate";
import { parseExplanation } from "@/lib/schemas/routing-steps";
import { formatReason, formatStep } from "@/app/(console)/routing/_components/routing-text";

// A decision as the router stores it: personal manager busy, fallback to the standard route.
const stored = [
  { kind: "ruleSkipped", rule: "Night", reason: "schedule" },
  { kind: "ruleMatched", rule: "Personal manager" },
  { kind: "personalManager", name: "Igor Pavlov", status: "busy" },
  { kind: "fallback", index: 1 },
  { kind: "release", reason: "action" },
];

describe("routing explanation text", () => {
  it("renders every stored step as a sentence, in Russian and English", () => {
    const steps = parseExplanation(stored);
    expect(steps.map((s) => formatStep(createTranslator("en"), s))).toEqual([
      "rule “Night”: outside its schedule",
      "rule “Personal manager”",
      "personal manager Igor Pavlov — on a call",
      "fallback 1",
      "released to the standard route",
    ]);
    const ru = steps.map((s) => formatStep(createTranslator("ru"), s));
    expect(ru.join("\n")).not.toMatch(/[{}]|"kind"|\baction\b/);
    expect(ru.every((line) => line.length > 0)).toBe(true);
  });

  it("joins the meaningful steps into the board's one line", () => {
    const line = formatReason(createTranslator("en"), {
      outcome: "RELEASE",
      steps: parseExplanation(stored),
    });
    expect(line).toBe(
      "rule “Personal manager” → personal manager Igor Pavlov — on a call → released to the standard route",
    );
  });

  it("says the park expired when the PBX step is missing", () => {
    const line = formatReason(createTranslator("en"), { outcome: "TIMEOUT", steps: [] });
    expect(line).toBe(createTranslator("en")("routing.outcome.TIMEOUT"));
  });

  it("shows an unknown stored shape as its text", () => {
    const [step] = parseExplanation(["decided by hand"]);
    expect(step && formatStep(createTranslator("en"), step)).toBe("decided by hand");
  });
});
