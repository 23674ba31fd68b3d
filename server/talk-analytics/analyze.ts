import { decodeChunks } from "@/server/talk-analytics/decode";
import {
  computeMonoFigures,
  computeStereoFigures,
  normalizeIntervals,
  type Interval,
  type TalkFigures,
} from "@/server/talk-analytics/metrics";
import { nextTick, type Pause } from "@/server/talk-analytics/pause";
import { detectSpeech } from "@/server/talk-analytics/vad";

// Which channel is whom. MTT's Open API does not document the channel layout; PBXs that record
// in stereo put the own side (the workplace) on the left, as the bundled simulator does.
export const MANAGER_CHANNEL = 0;
export const CLIENT_CHANNEL = 1;

export type TalkAnalysis = {
  /** 2 when every file has the parties on separate channels, else 1 (speech vs silence only). */
  channels: 1 | 2;
  figures: TalkFigures;
  /** Speech intervals per lane (manager, client; or one mono lane), flat [start, end, …] in ms. */
  lanes: number[][];
};

const flatten = (intervals: Interval[]) => intervals.flatMap(([s, e]) => [s, e]);

/**
 * Voice activity of a recording's files played one after another (as the player does), and
 * the talk figures from it.
 */
export async function analyzeRecordingAudio(
  files: Array<() => Promise<Buffer>>,
  pause?: Pause,
): Promise<TalkAnalysis> {
  const perFile: Array<{ offsetMs: number; channels: Interval[][] }> = [];
  let durationMs = 0;
  for (const load of files) {
    const pauseOrTick = pause ?? nextTick;
    const speech = await detectSpeech(decodeChunks(await load(), pauseOrTick), pauseOrTick);
    perFile.push({ offsetMs: durationMs, channels: speech.channels });
    durationMs += speech.durationMs;
  }
  const isStereo = perFile.length > 0 && perFile.every((f) => f.channels.length >= 2);
  const shifted = (channel: (c: Interval[][]) => Interval[]) =>
    perFile.flatMap((f) =>
      channel(f.channels).map(([s, e]): Interval => [s + f.offsetMs, e + f.offsetMs]),
    );
  if (isStereo) {
    const manager = normalizeIntervals(
      shifted((c) => c[MANAGER_CHANNEL] ?? []),
      durationMs,
    );
    const client = normalizeIntervals(
      shifted((c) => c[CLIENT_CHANNEL] ?? []),
      durationMs,
    );
    return {
      channels: 2,
      figures: computeStereoFigures(manager, client, durationMs),
      lanes: [flatten(manager), flatten(client)],
    };
  }
  // Mono (or a mix): whoever is speaking on any channel is "speech".
  const speech = normalizeIntervals(
    shifted((c) => c.flat()),
    durationMs,
  );
  return {
    channels: 1,
    figures: computeMonoFigures(speech, durationMs),
    lanes: [flatten(speech)],
  };
}
