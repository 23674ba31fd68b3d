import { allCriteria } from "@/lib/quality/scoring";
import type { ScorecardContent } from "@/lib/schemas/quality";

export type VersionDiff = { added: string[]; removed: string[]; changed: string[] };

/**
 * What a new version of a scorecard changes, by criterion id (ids survive edits): written to the
 * audit log, and it decides whether a save is a new version at all.
 */
export function diffVersions(
  before: ScorecardContent,
  after: ScorecardContent,
  thresholds: { before: number; after: number } = { before: 0, after: 0 },
): VersionDiff & { isSame: boolean } {
  const old = new Map(allCriteria(before).map((c) => [c.id, c]));
  const next = new Map(allCriteria(after).map((c) => [c.id, c]));
  const added = [...next.keys()].filter((id) => !old.has(id));
  const removed = [...old.keys()].filter((id) => !next.has(id));
  const changed = [...next.entries()]
    .filter(([id, c]) => {
      const o = old.get(id);
      return o !== undefined && JSON.stringify(o) !== JSON.stringify(c);
    })
    .map(([id]) => id);
  const isSame =
    JSON.stringify(before) === JSON.stringify(after) && thresholds.before === thresholds.after;
  return { added, removed, changed, isSame };
}
