import { describe, expect, it } from "vitest";
import { parseContentRange, parseRangeHeader } from "@/server/recordings/http-range";

describe("parseRangeHeader", () => {
  const size = 1000;
  it.each([
    ["bytes=0-99", { start: 0, end: 99 }],
    ["bytes=500-", { start: 500, end: 999 }],
    ["bytes=900-5000", { start: 900, end: 999 }],
    ["bytes=-100", { start: 900, end: 999 }],
    ["bytes=-5000", { start: 0, end: 999 }],
    ["BYTES = 10-19", { start: 10, end: 19 }],
    ["bytes=999-999", { start: 999, end: 999 }],
  ])("%s is a partial answer", (header, range) => {
    expect(parseRangeHeader(header, size)).toEqual({ kind: "partial", range });
  });

  it.each([
    [null],
    ["bytes=0-10, 20-30"],
    ["items=0-10"],
    ["bytes=abc"],
    ["bytes=-"],
    ["bytes=50-10"],
  ])("%s gets the whole file", (header) => {
    expect(parseRangeHeader(header, size)).toEqual({ kind: "full" });
  });

  it.each([["bytes=1000-"], ["bytes=5000-6000"], ["bytes=-0"]])("%s is unsatisfiable", (header) => {
    expect(parseRangeHeader(header, size)).toEqual({ kind: "unsatisfiable" });
  });

  it("an empty file satisfies no range", () => {
    expect(parseRangeHeader("bytes=0-", 0)).toEqual({ kind: "unsatisfiable" });
    expect(parseRangeHeader("bytes=-10", 0)).toEqual({ kind: "unsatisfiable" });
  });
});

describe("parseContentRange", () => {
  it("reads the range and total", () => {
    expect(parseContentRange("bytes 0-99/1234")).toEqual({ start: 0, end: 99, total: 1234 });
    expect(parseContentRange("bytes 5-9/*")).toEqual({ start: 5, end: 9, total: null });
    expect(parseContentRange("bytes */1234")).toBeNull();
    expect(parseContentRange(null)).toBeNull();
  });
});
