import { describe, expect, it } from "vitest";
import { formatRelativeTime } from "@/lib/ui/relative-time";

const now = Date.UTC(2026, 10, 26, 12, 0, 0);
const at = (offsetMs: number) => new Date(now + offsetMs);
const MINUTE = 60_000;

describe("formatRelativeTime", () => {
  it("says 'now' for the next and last few seconds", () => {
    expect(formatRelativeTime("en", at(20_000), now)).toBe("now");
    expect(formatRelativeTime("en", at(-20_000), now)).toBe("now");
  });

  it("rounds to the largest sensible unit in both directions", () => {
    expect(formatRelativeTime("en", at(-5 * MINUTE), now)).toBe("5 minutes ago");
    expect(formatRelativeTime("en", at(118 * MINUTE), now)).toBe("in 2 hours");
    expect(formatRelativeTime("en", at(72 * 60 * MINUTE), now)).toBe("in 3 days");
  });

  it("speaks Russian", () => {
    expect(formatRelativeTime("ru", at(118 * MINUTE), now)).toBe("через 2 часа");
    expect(formatRelativeTime("ru", at(-5 * MINUTE), now)).toBe("5 минут назад");
  });
});
