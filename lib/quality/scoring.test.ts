import { describe, expect, it } from "vitest";
import {
  criterionPoints,
  isCriterionPassed,
  scoreEvaluation,
  weightShares,
} from "@/lib/quality/scoring";
import { diffVersions } from "@/lib/quality/version-diff";
import { scorecardContent, type ScorecardContent } from "@/lib/schemas/quality";

const card: ScorecardContent = scorecardContent.parse({
  sections: [
    {
      id: "open",
      title: "Opening",
      criteria: [
        { id: "greet", title: "Greets", kind: "yesNo", weight: 10 },
        { id: "name", title: "Says the company name", kind: "yesNo", weight: 10, isCritical: true },
      ],
    },
    {
      id: "sell",
      title: "Offer",
      criteria: [
        { id: "needs", title: "Asks about needs", kind: "scale", weight: 30 },
        { id: "offer", title: "Makes an offer", kind: "scale", weight: 50, isCritical: true },
      ],
    },
  ],
});

describe("criterion points", () => {
  it("maps yes/no to 1/0 and a 1–5 scale linearly to 0…1", () => {
    expect(criterionPoints("yesNo", "yes")).toBe(1);
    expect(criterionPoints("yesNo", "no")).toBe(0);
    expect(criterionPoints("scale", "1")).toBe(0);
    expect(criterionPoints("scale", "3")).toBe(0.5);
    expect(criterionPoints("scale", "5")).toBe(1);
    expect(criterionPoints("scale", "na")).toBeNull();
  });

  it("passes a scale from 3 up", () => {
    expect(isCriterionPassed("scale", "2")).toBe(false);
    expect(isCriterionPassed("scale", "3")).toBe(true);
    expect(isCriterionPassed("yesNo", "na")).toBeNull();
  });
});

describe("weights", () => {
  it("shows each weight as a share of 100 %", () => {
    const shares = weightShares(card);
    expect([...shares.values()]).toEqual([10, 10, 30, 50]);
    const odd = scorecardContent.parse({
      sections: [
        {
          id: "s",
          title: "S",
          criteria: [1, 1, 1].map((w, i) => ({
            id: `c${i}`,
            title: "C",
            kind: "yesNo",
            weight: w,
          })),
        },
      ],
    });
    expect([...weightShares(odd).values()]).toEqual([33.3, 33.3, 33.3]);
  });
});

describe("scoreEvaluation", () => {
  it("weights the criteria", () => {
    // 10·1 + 10·1 + 30·0.75 + 50·0.5 = 67.5 of 100
    const result = scoreEvaluation(card, { greet: "yes", name: "yes", needs: "4", offer: "3" }, 70);
    expect(result.score).toBe(67.5);
    expect(result.hasCriticalFail).toBe(false);
    expect(result.isPassed).toBe(false);
    expect(
      scoreEvaluation(card, { greet: "yes", name: "yes", needs: "4", offer: "3" }, 60).isPassed,
    ).toBe(true);
  });

  it("leaves not-applicable criteria out of both sums", () => {
    // greet n/a: (10·1 + 30·1 + 50·1) / 90 = 100; needs n/a: (0 + 10 + 50·0.5)/70 = 50
    expect(
      scoreEvaluation(card, { greet: "na", name: "yes", needs: "5", offer: "5" }, 80).score,
    ).toBe(100);
    expect(
      scoreEvaluation(card, { greet: "no", name: "yes", needs: "na", offer: "3" }, 80).score,
    ).toBe(50);
  });

  it("fails the evaluation on a failed critical criterion whatever the total", () => {
    const result = scoreEvaluation(card, { greet: "yes", name: "no", needs: "5", offer: "5" }, 50);
    expect(result.score).toBe(90);
    expect(result.hasCriticalFail).toBe(true);
    expect(result.criticalFailures).toEqual(["name"]);
    expect(result.isPassed).toBe(false);
    const scale = scoreEvaluation(card, { greet: "yes", name: "yes", needs: "5", offer: "2" }, 0);
    expect(scale.criticalFailures).toEqual(["offer"]);
    // A critical criterion that does not apply cannot fail.
    expect(
      scoreEvaluation(card, { greet: "yes", name: "na", needs: "5", offer: "5" }, 80).isPassed,
    ).toBe(true);
  });

  it("has no score when nothing applies, and lists unanswered or invalid answers", () => {
    const none = scoreEvaluation(card, { greet: "na", name: "na", needs: "na", offer: "na" }, 80);
    expect(none.score).toBeNull();
    expect(none.isPassed).toBe(true);
    const partial = scoreEvaluation(card, { greet: "yes", needs: "yes" }, 80);
    expect(partial.missing).toEqual(["name", "needs", "offer"]);
  });
});

describe("versions", () => {
  it("tells what a new version changed, by criterion id", () => {
    const edited = structuredClone(card);
    const sell = edited.sections[1];
    if (!sell) throw new Error("no section");
    sell.criteria[0] = { ...sell.criteria[0]!, weight: 40 };
    sell.criteria.push({
      id: "close",
      title: "Closes",
      description: "",
      kind: "yesNo",
      weight: 5,
      isCritical: false,
    });
    edited.sections[0]!.criteria.shift();
    const diff = diffVersions(card, edited, { before: 80, after: 80 });
    expect(diff).toEqual({
      added: ["close"],
      removed: ["greet"],
      changed: ["needs"],
      isSame: false,
    });
    expect(diffVersions(card, structuredClone(card), { before: 80, after: 80 }).isSame).toBe(true);
    expect(diffVersions(card, card, { before: 80, after: 70 }).isSame).toBe(false);
  });

  it("refuses a scorecard with a criterion id twice", () => {
    const twice = scorecardContent.safeParse({
      sections: [
        { id: "a", title: "A", criteria: [{ id: "x", title: "X", kind: "yesNo", weight: 1 }] },
        { id: "b", title: "B", criteria: [{ id: "x", title: "Y", kind: "yesNo", weight: 1 }] },
      ],
    });
    expect(twice.success).toBe(false);
  });
});
