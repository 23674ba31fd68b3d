import { describe, expect, it } from "vitest";
import { backoffDelayMs, parseRetryAfterMs } from "@/server/mtt/retry-policy";
import { normalizePbxPhone } from "@/server/mtt/wire-schemas";

describe("normalizePbxPhone", () => {
  it.each([
    ["84951234567", "+74951234567"],
    ["74951234567", "+74951234567"],
    ["8 (800) 100-20-30", "+78001002030"],
    ["+7 916 123-45-67", "+79161234567"],
    ["9161234567", "+79161234567"],
    ["810442071234567", "+442071234567"],
    ["442071234567", "+442071234567"],
    ["101", "101"],
    [" anonymous ", "anonymous"],
    ["sip:201@pbx", "sip:201@pbx"],
  ])("%s → %s", (raw, expected) => {
    expect(normalizePbxPhone(raw)).toBe(expected);
  });
});

describe("retry policy", () => {
  const now = new Date("2025-03-01T10:00:00.000Z");

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfterMs("3", now)).toBe(3000);
    expect(parseRetryAfterMs("0.5", now)).toBe(500);
    expect(parseRetryAfterMs("Sat, 01 Mar 2025 10:00:07 GMT", now)).toBe(7000);
    expect(parseRetryAfterMs("Sat, 01 Mar 2025 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfterMs("soon", now)).toBeUndefined();
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
  });

  it("doubles from 250 ms, adds up to 50 % jitter and caps", () => {
    expect([0, 1, 2, 3].map((n) => backoffDelayMs(n, () => 0))).toEqual([250, 500, 1000, 2000]);
    expect(backoffDelayMs(1, () => 1)).toBe(750);
    expect(backoffDelayMs(20, () => 0)).toBe(8000);
  });
});
