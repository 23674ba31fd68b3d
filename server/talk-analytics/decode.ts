import { parseWav, sampleReader, sniffAudioFormat } from "@/server/recordings/audio";
import type { Pause } from "@/server/talk-analytics/pause";

/** A slice of a file's audio as float samples (-1..1), one array per channel. */
export type AudioChunk = { sampleRate: number; channels: Float32Array[] };

export class UnsupportedAudioError extends Error {}

// Files are decoded a slice at a time, so a long call never sits in memory as float samples
// and each step is a few milliseconds of work: five seconds of WAV, or 16 KB of MP3 (two to
// four seconds at telephone bit rates).
const WAV_SLICE_SEC = 5;
const MP3_SLICE_BYTES = 16 * 1024;

async function* wavChunks(buffer: Buffer, pause: Pause): AsyncGenerator<AudioChunk> {
  const parsed = parseWav(buffer);
  if (!parsed) throw new UnsupportedAudioError("The WAV file has no usable format or data chunk");
  const { format, dataStart, dataBytes } = parsed;
  const read = sampleReader(format);
  if (!read || format.channels < 1 || format.sampleRate < 1)
    throw new UnsupportedAudioError(
      `WAV encoding ${format.encoding} at ${format.bitsPerSample} bits is not supported`,
    );
  const frames = Math.floor(dataBytes / format.blockAlign);
  const bytesPerSample = format.bitsPerSample / 8;
  const slice = format.sampleRate * WAV_SLICE_SEC;
  for (let from = 0; from < frames; from += slice) {
    if (from > 0) await pause();
    const length = Math.min(slice, frames - from);
    const channels = Array.from({ length: format.channels }, () => new Float32Array(length));
    for (let i = 0; i < length; i++) {
      const at = dataStart + (from + i) * format.blockAlign;
      for (let c = 0; c < format.channels; c++) {
        const target = channels[c];
        if (target) target[i] = read(buffer, at + c * bytesPerSample);
      }
    }
    yield { sampleRate: format.sampleRate, channels };
  }
}

async function* mp3Chunks(buffer: Buffer, pause: Pause): AsyncGenerator<AudioChunk> {
  // mpg123 compiled to WebAssembly; loaded on first use so the web server never pays for it.
  const { MPEGDecoder } = await import("mpg123-decoder");
  const decoder = new MPEGDecoder();
  await decoder.ready;
  let hasAudio = false;
  try {
    // A streaming decoder: slices of bytes in, the frames they complete out.
    for (let at = 0; at < buffer.length; at += MP3_SLICE_BYTES) {
      if (at > 0) await pause();
      const slice = buffer.subarray(at, at + MP3_SLICE_BYTES);
      const decoded = decoder.decode(new Uint8Array(slice.buffer, slice.byteOffset, slice.length));
      if (decoded.samplesDecoded === 0 || decoded.channelData.length === 0) continue;
      hasAudio = true;
      yield { sampleRate: decoded.sampleRate, channels: decoded.channelData };
    }
  } finally {
    decoder.free();
  }
  if (!hasAudio) throw new UnsupportedAudioError("The MP3 file has no decodable frames");
}

/** A stored recording file (WAV or MP3, recognised by its bytes as on download) in slices. */
export function decodeChunks(buffer: Buffer, pause: Pause): AsyncGenerator<AudioChunk> {
  const format = sniffAudioFormat(buffer);
  if (format === "wav") return wavChunks(buffer, pause);
  if (format === "mp3") return mp3Chunks(buffer, pause);
  throw new UnsupportedAudioError(
    format ? `${format.toUpperCase()} recordings are not analysed` : "The file is not audio",
  );
}
