// Several files of one call play as one timeline: global seconds ↔ (file, seconds in file).

export type Segment = { start: number; duration: number };

export function buildSegments(durations: number[]): Segment[] {
  let start = 0;
  return durations.map((duration) => {
    const segment = { start, duration: Math.max(0, duration) };
    start += segment.duration;
    return segment;
  });
}

export function totalDuration(segments: Segment[]): number {
  const last = segments.at(-1);
  return last ? last.start + last.duration : 0;
}

/** Where global second `t` falls; past the end it is the end of the last file. */
export function locate(segments: Segment[], t: number): { index: number; offset: number } {
  const time = Math.max(0, t);
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index];
    if (!segment) continue;
    const isLast = index === segments.length - 1;
    if (time < segment.start + segment.duration || isLast)
      return { index, offset: Math.min(time - segment.start, segment.duration) };
  }
  return { index: 0, offset: 0 };
}

/**
 * One bar list for the whole timeline: each file's stored peaks stretched over its share of the
 * total, resampled to `bars` and scaled so the loudest bar is full height. Files without peaks
 * (formats we cannot measure) draw as a low flat line.
 */
export function combinePeaks(
  files: Array<{ peaks: number[] | null }>,
  segments: Segment[],
  bars: number,
): number[] {
  const total = totalDuration(segments);
  if (total <= 0 || bars <= 0) return new Array<number>(Math.max(0, bars)).fill(0.08);
  const values: number[] = [];
  for (let bar = 0; bar < bars; bar++) {
    const from = (bar / bars) * total;
    const to = ((bar + 1) / bars) * total;
    let peak = -1;
    for (const [index, segment] of segments.entries()) {
      const end = segment.start + segment.duration;
      if (end <= from || segment.start >= to || segment.duration === 0) continue;
      const peaks = files[index]?.peaks;
      if (!peaks || peaks.length === 0) {
        peak = Math.max(peak, 0);
        continue;
      }
      const a = Math.floor(
        ((Math.max(from, segment.start) - segment.start) / segment.duration) * peaks.length,
      );
      const b = Math.ceil(((Math.min(to, end) - segment.start) / segment.duration) * peaks.length);
      for (let i = a; i < Math.max(a + 1, b) && i < peaks.length; i++)
        peak = Math.max(peak, peaks[i] ?? 0);
    }
    values.push(Math.max(0, peak));
  }
  const max = Math.max(...values);
  return values.map((v) => (max > 0 ? Math.max(0.04, v / max) : 0.08));
}
