// When a failed delivery is tried again: 5 s, 20 s, 80 s, 5 min, 21 min, 85 min, then every 5 h
// (a tenth of jitter, so endpoints that failed together do not all come back at once), until
// 24 h after the first attempt; one last attempt lands at the 24 h mark.

export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
const BASE_MS = 5_000;
const MAX_DELAY_MS = 5 * 60 * 60 * 1000;

export function retryDelayMs(attempts: number, random = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, BASE_MS * 4 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.9 + 0.2 * random()));
}

/**
 * After a failed attempt: when to try next, or null to give up. `attempts` counts the attempt
 * that just failed; `windowStart` is the first attempt (or the last manual resend).
 */
export function nextAttemptAt(
  attempts: number,
  windowStart: Date,
  now: Date,
  random = Math.random,
): Date | null {
  const windowEnd = windowStart.getTime() + RETRY_WINDOW_MS;
  if (now.getTime() >= windowEnd) return null;
  return new Date(Math.min(windowEnd, now.getTime() + retryDelayMs(attempts, random)));
}
