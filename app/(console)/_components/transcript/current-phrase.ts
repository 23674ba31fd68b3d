type Timed = { startMs: number; endMs: number };

/**
 * The phrases being said at `positionSec` (either party may talk over the other); between
 * phrases, the one said last, so the highlight does not flicker off in every pause.
 */
export function currentPhrases<T extends Timed>(segments: T[], positionSec: number): Set<T> {
  const at = positionSec * 1000;
  const speaking = segments.filter((s) => s.startMs <= at && at < s.endMs);
  if (speaking.length > 0) return new Set(speaking);
  let last: T | undefined;
  for (const s of segments) if (s.startMs <= at) last = s;
  return new Set(last ? [last] : []);
}
