import { describe, expect, it } from "vitest";
import { scrollEdges } from "@/lib/ui/scroll-edges";

describe("scrollEdges", () => {
  it("sees nothing hidden when the content fits", () => {
    expect(scrollEdges(0, 600, 600)).toEqual({ start: false, end: false });
  });

  it("sees content hidden on the right before scrolling", () => {
    expect(scrollEdges(0, 900, 600)).toEqual({ start: false, end: true });
  });

  it("sees both sides hidden in the middle, and only the left at the end", () => {
    expect(scrollEdges(150, 900, 600)).toEqual({ start: true, end: true });
    expect(scrollEdges(300, 900, 600)).toEqual({ start: true, end: false });
  });

  it("ignores sub-pixel rounding", () => {
    expect(scrollEdges(0.5, 600.5, 600)).toEqual({ start: false, end: false });
  });
});
