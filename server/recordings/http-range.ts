export type ByteRange = { start: number; end: number };

export type RangeResult =
  { kind: "full" } | { kind: "partial"; range: ByteRange } | { kind: "unsatisfiable" };

/**
 * RFC 9110 Range for one byte range. A header we do not understand (another unit, bad syntax)
 * or several ranges (multipart answers are not worth it for audio) gets the whole file: a 200 is
 * always a valid answer to a Range request. Ranges past the end are 416.
 */
export function parseRangeHeader(header: string | null, size: number): RangeResult {
  if (!header) return { kind: "full" };
  const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!match?.[1]) return { kind: "full" };
  const specs = match[1].split(",").map((s) => s.trim());
  if (specs.length !== 1) return { kind: "full" };
  const spec = /^(\d*)-(\d*)$/.exec(specs[0] ?? "");
  if (!spec) return { kind: "full" };
  const [, from = "", to = ""] = spec;
  if (from === "" && to === "") return { kind: "full" };
  if (from === "") {
    // Suffix range: the last N bytes.
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(from);
  if (to !== "" && Number(to) < start) return { kind: "full" };
  if (start >= size) return { kind: "unsatisfiable" };
  const end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  return { kind: "partial", range: { start, end } };
}

/** `bytes 0-99/1234` → the range and total; null when the header is missing or malformed. */
export function parseContentRange(
  header: string | null,
): { start: number; end: number; total: number | null } | null {
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header?.trim() ?? "");
  if (!match) return null;
  const total = match[3] === "*" ? null : Number(match[3]);
  return { start: Number(match[1]), end: Number(match[2]), total };
}
