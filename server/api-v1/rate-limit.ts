/**
 * Per-key token bucket, in memory: each instance enforces it separately, so N instances allow up
 * to N× the rate. Good enough to stop a runaway integration loop; not a billing quota.
 */
export type RateLimitOptions = { capacity: number; refillPerSec: number };

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSec: number };

type Bucket = { tokens: number; updatedMs: number };

// 600 requests per minute sustained, bursts of 120.
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { capacity: 120, refillPerSec: 10 };
const MAX_BUCKETS = 10_000;

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: RateLimitOptions = DEFAULT_RATE_LIMIT) {}

  take(key: string, nowMs: number = Date.now()): RateLimitDecision {
    const { capacity, refillPerSec } = this.options;
    const bucket = this.buckets.get(key) ?? { tokens: capacity, updatedMs: nowMs };
    const elapsedSec = Math.max(0, nowMs - bucket.updatedMs) / 1000;
    bucket.tokens = Math.min(capacity, bucket.tokens + elapsedSec * refillPerSec);
    bucket.updatedMs = nowMs;
    // Re-insert so the Map's order is least-recently-used first, for eviction.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    this.evict();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return {
      allowed: false,
      retryAfterSec: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerSec)),
    };
  }

  private evict(): void {
    while (this.buckets.size > MAX_BUCKETS) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) return;
      this.buckets.delete(oldest);
    }
  }
}

declare global {
  var __pultApiRateLimiter: TokenBucketLimiter | undefined;
}

export function getApiRateLimiter(): TokenBucketLimiter {
  globalThis.__pultApiRateLimiter ??= new TokenBucketLimiter();
  return globalThis.__pultApiRateLimiter;
}

/** Tests swap the limiter to exercise 429 without sending hundreds of requests. */
export function setApiRateLimiter(limiter: TokenBucketLimiter | undefined): void {
  globalThis.__pultApiRateLimiter = limiter;
}
