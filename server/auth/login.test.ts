import { describe, expect, it } from "vitest";
import { FREE_ATTEMPTS, requiredDelaySec } from "@/server/auth/login";

describe("requiredDelaySec", () => {
  it("lets the first attempts through without delay", () => {
    for (let failures = 0; failures < FREE_ATTEMPTS; failures++)
      expect(requiredDelaySec(failures)).toBe(0);
  });

  it("doubles the delay for every further failure, capped at five minutes", () => {
    expect(requiredDelaySec(FREE_ATTEMPTS)).toBe(2);
    expect(requiredDelaySec(FREE_ATTEMPTS + 1)).toBe(4);
    expect(requiredDelaySec(FREE_ATTEMPTS + 2)).toBe(8);
    expect(requiredDelaySec(FREE_ATTEMPTS + 20)).toBe(300);
  });
});
