import { describe, expect, it } from "vitest";
import { compareEvaluations } from "@/lib/quality/calibration";
import { scorecardContent } from "@/lib/schemas/quality";

const v1 = scorecardContent.parse({
  sections: [
    {
      id: "s",
      title: "S",
      criteria: [
        { id: "greet", title: "Greets", kind: "yesNo", weight: 1 },
        { id: "offer", title: "Offer", kind: "scale", weight: 1 },
      ],
    },
  ],
});
const v2 = scorecardContent.parse({
  sections: [
    {
      id: "s",
      title: "S",
      criteria: [
        { id: "greet", title: "Greets warmly", kind: "yesNo", weight: 1 },
        { id: "offer", title: "Offer", kind: "scale", weight: 1 },
        { id: "close", title: "Closes", kind: "yesNo", weight: 1 },
      ],
    },
  ],
});

describe("compareEvaluations", () => {
  it("shows per criterion where reviewers differ and by how much", () => {
    const { rows, scoreSpread } = compareEvaluations([
      {
        id: "a",
        reviewerName: "Ann",
        score: 100,
        content: v1,
        answers: [
          { criterionId: "greet", value: "yes" },
          { criterionId: "offer", value: "5" },
        ],
      },
      {
        id: "b",
        reviewerName: "Bob",
        score: 62.5,
        content: v2,
        answers: [
          { criterionId: "greet", value: "yes" },
          { criterionId: "offer", value: "2" },
          { criterionId: "close", value: "na" },
        ],
      },
    ]);
    expect(scoreSpread).toBe(37.5);
    expect(rows.map((r) => r.title)).toEqual(["Greets warmly", "Offer", "Closes"]);
    expect(rows[0]).toMatchObject({ values: ["yes", "yes"], spread: 0, isDifferent: false });
    expect(rows[1]).toMatchObject({ values: ["5", "2"], spread: 0.75, isDifferent: true });
    // Only one evaluation had the criterion: nothing to compare, shown as missing for the other.
    expect(rows[2]).toMatchObject({ values: [null, "na"], spread: 0, isDifferent: false });
  });
});
