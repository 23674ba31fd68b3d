// Mirrors pult_search_normalize / pult_search_grams in the client_search migration, so a query
// is cut into the same trigrams the trigger stored.
export function normalizeSearchText(value: string): string {
  return value.toLowerCase().replaceAll("ё", "е");
}

export function searchGrams(value: string): string[] {
  const grams = new Set<string>();
  const chars = [...value];
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(""));
  return [...grams];
}
