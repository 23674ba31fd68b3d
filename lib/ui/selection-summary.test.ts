import { describe, expect, it } from "vitest";
import { selectionSummary } from "@/lib/ui/selection-summary";

describe("selectionSummary", () => {
  it("says what an empty choice means", () => {
    expect(selectionSummary([], "All managers")).toBe("All managers");
  });

  it("names a single pick", () => {
    expect(selectionSummary(["Anna Smirnova"], "All managers")).toBe("Anna Smirnova");
  });

  it("names the first pick and counts the rest", () => {
    expect(selectionSummary(["Anna", "Igor", "Olga"], "All")).toBe("Anna +2");
  });
});
