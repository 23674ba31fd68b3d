const BASE_DELAY_MS = 250;
const MAX_BACKOFF_MS = 8_000;

/** 250 ms × 2^attempt (capped), plus up to 50 % jitter so clients do not retry in lockstep. */
export function backoffDelayMs(attempt: number, random: () => number): number {
  const exponential = Math.min(BASE_DELAY_MS * 2 ** attempt, MAX_BACKOFF_MS);
  return Math.round(exponential * (1 + random() / 2));
}

// Longer waits are read as a day (the caller then fails at once rather than wait): a header of
// 400 nines is Infinity, which a timer would turn into 1 ms.
const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

/** `Retry-After` as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | null, now: Date): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value))
    return Math.min(MAX_RETRY_AFTER_MS, Math.round(Number(value) * 1000));
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, date - now.getTime()));
}
