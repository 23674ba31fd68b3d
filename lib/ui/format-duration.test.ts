import { describe, expect, it } from "vitest";
import { formatDuration } from "@/lib/ui/format-duration";

describe("formatDuration", () => {
  it("shows minutes and zero-padded seconds under an hour", () => {
    expect(formatDuration(0)).toBe("0:00");
    expect(formatDuration(7)).toBe("0:07");
    expect(formatDuration(754)).toBe("12:34");
  });

  it("adds hours past an hour", () => {
    expect(formatDuration(3723)).toBe("1:02:03");
  });

  it("never goes negative or fractional (client clock ahead of the server)", () => {
    expect(formatDuration(-5)).toBe("0:00");
    expect(formatDuration(59.9)).toBe("0:59");
  });
});
