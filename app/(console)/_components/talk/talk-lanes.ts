// The stored lanes ([start, end, …] in ms) as pieces of a timeline of `totalSec` seconds.

export type LanePiece = { startSec: number; endSec: number; leftPct: number; widthPct: number };

export function lanePieces(flat: number[], totalSec: number): LanePiece[] {
  if (totalSec <= 0) return [];
  const pieces: LanePiece[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const startSec = Math.min(totalSec, (flat[i] ?? 0) / 1000);
    const endSec = Math.min(totalSec, (flat[i + 1] ?? 0) / 1000);
    if (endSec <= startSec) continue;
    pieces.push({
      startSec,
      endSec,
      leftPct: (startSec / totalSec) * 100,
      widthPct: Math.max(0.25, ((endSec - startSec) / totalSec) * 100),
    });
  }
  return pieces;
}

/** Start of the next (or previous) speech piece in any lane after (before) `position`. */
export function nextTurnStart(
  lanes: number[][],
  position: number,
  direction: 1 | -1,
): number | null {
  const starts = lanes
    .flatMap((lane) => lane.filter((_, i) => i % 2 === 0).map((ms) => ms / 1000))
    .sort((a, b) => a - b);
  // Half a second of slack, so pressing again moves on instead of landing where it stands.
  if (direction === 1) return starts.find((s) => s > position + 0.5) ?? null;
  return starts.filter((s) => s < position - 0.5).at(-1) ?? null;
}
