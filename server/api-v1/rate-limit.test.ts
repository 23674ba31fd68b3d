import { describe, expect, it } from "vitest";
import { TokenBucketLimiter } from "@/server/api-v1/rate-limit";

describe("TokenBucketLimiter", () => {
  it("allows a burst up to capacity, then refuses with a retry hint", () => {
    const limiter = new TokenBucketLimiter({ capacity: 3, refillPerSec: 1 });
    const now = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take("k", now).allowed)).toEqual([true, true, true]);
    expect(limiter.take("k", now)).toEqual({ allowed: false, retryAfterSec: 1 });
  });

  it("refills over time, never above capacity", () => {
    const limiter = new TokenBucketLimiter({ capacity: 2, refillPerSec: 2 });
    const now = 5_000;
    limiter.take("k", now);
    limiter.take("k", now);
    expect(limiter.take("k", now).allowed).toBe(false);
    expect(limiter.take("k", now + 500).allowed).toBe(true);
    // An hour idle refills to capacity (2), not to 7200.
    const later = now + 3_600_000;
    expect([1, 2, 3].map(() => limiter.take("k", later).allowed)).toEqual([true, true, false]);
  });

  it("keeps keys apart", () => {
    const limiter = new TokenBucketLimiter({ capacity: 1, refillPerSec: 0.1 });
    expect(limiter.take("a", 0).allowed).toBe(true);
    expect(limiter.take("a", 0).allowed).toBe(false);
    expect(limiter.take("b", 0).allowed).toBe(true);
    expect(limiter.take("a", 0)).toEqual({ allowed: false, retryAfterSec: 10 });
  });
});
