import { describe, expect, it } from "vitest";
import {
  buildSegments,
  combinePeaks,
  locate,
  totalDuration,
} from "@/app/(console)/_components/recording-player/timeline";

describe("timeline of a split recording", () => {
  const segments = buildSegments([120, 60, 30]);

  it("maps global time to the file and the offset inside it", () => {
    expect(totalDuration(segments)).toBe(210);
    expect(locate(segments, 0)).toEqual({ index: 0, offset: 0 });
    expect(locate(segments, 119.5)).toEqual({ index: 0, offset: 119.5 });
    expect(locate(segments, 120)).toEqual({ index: 1, offset: 0 });
    expect(locate(segments, 200)).toEqual({ index: 2, offset: 20 });
    expect(locate(segments, 999)).toEqual({ index: 2, offset: 30 });
    expect(locate(segments, -5)).toEqual({ index: 0, offset: 0 });
  });

  it("stretches each file's peaks over its share and normalises to the loudest", () => {
    const bars = combinePeaks(
      [{ peaks: [0.5, 0.5] }, { peaks: [0.25] }],
      buildSegments([10, 10]),
      4,
    );
    expect(bars).toEqual([1, 1, 0.5, 0.5]);
    const flat = combinePeaks([{ peaks: null }], buildSegments([10]), 3);
    expect(flat).toEqual([0.08, 0.08, 0.08]);
  });
});
