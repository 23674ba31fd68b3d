/** What a closed multi-select shows: the empty text, the one pick, or the first pick and "+N". */
export function selectionSummary(labels: readonly string[], emptyText: string): string {
  const [first, ...rest] = labels;
  if (first === undefined) return emptyText;
  return rest.length === 0 ? first : `${first} +${rest.length}`;
}
