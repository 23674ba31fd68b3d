// What a downloaded file is, how long it plays and what its waveform looks like. Computed once
// after download, so the player draws instantly and never decodes audio in the browser.

export type AudioFormat = "wav" | "mp3" | "ogg" | "flac";

export type AudioInfo = {
  format: AudioFormat;
  /** Null when the container does not tell without decoding (Ogg, FLAC). */
  durationSec: number | null;
  /** 0..1, loudest = 1; null when not computed for this format. */
  peaks: number[] | null;
};

export const CONTENT_TYPES: Record<AudioFormat, string> = {
  wav: "audio/wav",
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
  flac: "audio/flac",
};

// About ten bars a second, within what a player can draw and the database can hold cheaply.
export function peakCount(durationSec: number): number {
  return Math.max(16, Math.min(3000, Math.round(durationSec * 10)));
}

function ascii(buffer: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...buffer.subarray(start, start + length));
}

/** ID3v2 tag length (header included), or 0 when there is none. */
function id3Length(buffer: Uint8Array): number {
  if (buffer.length < 10 || ascii(buffer, 0, 3) !== "ID3") return 0;
  const size =
    ((buffer[6] ?? 0) << 21) |
    ((buffer[7] ?? 0) << 14) |
    ((buffer[8] ?? 0) << 7) |
    (buffer[9] ?? 0);
  const hasFooter = ((buffer[5] ?? 0) & 0x10) !== 0;
  return 10 + size + (hasFooter ? 10 : 0);
}

/**
 * Recognises audio by its magic bytes, never by the URL or Content-Type: a PBX or proxy error
 * page served with 200 must not be stored as a recording.
 */
export function sniffAudioFormat(buffer: Uint8Array): AudioFormat | null {
  if (buffer.length < 12) return null;
  if (ascii(buffer, 0, 4) === "RIFF" && ascii(buffer, 8, 4) === "WAVE") return "wav";
  if (ascii(buffer, 0, 4) === "OggS") return "ogg";
  if (ascii(buffer, 0, 4) === "fLaC") return "flac";
  if (ascii(buffer, 0, 3) === "ID3") return "mp3";
  // A bare MPEG stream: two consecutive valid frame headers, so random bytes do not pass.
  const first = parseMpegHeader(buffer, 0);
  if (first && first.frameLength > 0) {
    if (first.frameLength >= buffer.length) return "mp3";
    if (parseMpegHeader(buffer, first.frameLength)) return "mp3";
  }
  return null;
}

// ---- WAV ----

export type WavFormat = {
  encoding: number;
  channels: number;
  sampleRate: number;
  byteRate: number;
  blockAlign: number;
  bitsPerSample: number;
};

const WAVE_PCM = 1;
const WAVE_FLOAT = 3;
const WAVE_ALAW = 6;
const WAVE_MULAW = 7;
const WAVE_EXTENSIBLE = 0xfffe;

/** Where a WAV file's samples are and how they are encoded; null when it has no usable header. */
export function parseWav(
  buffer: Buffer,
): { format: WavFormat; dataStart: number; dataBytes: number } | null {
  let format: WavFormat | null = null;
  for (let offset = 12; offset + 8 <= buffer.length;) {
    const id = ascii(buffer, offset, 4);
    const size = buffer.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === "fmt " && body + 16 <= buffer.length) {
      let encoding = buffer.readUInt16LE(body);
      // WAVE_FORMAT_EXTENSIBLE keeps the real encoding in the first two bytes of its sub-format GUID.
      if (encoding === WAVE_EXTENSIBLE && size >= 40 && body + 26 <= buffer.length)
        encoding = buffer.readUInt16LE(body + 24);
      format = {
        encoding,
        channels: buffer.readUInt16LE(body + 2),
        sampleRate: buffer.readUInt32LE(body + 4),
        byteRate: buffer.readUInt32LE(body + 8),
        blockAlign: buffer.readUInt16LE(body + 12),
        bitsPerSample: buffer.readUInt16LE(body + 14),
      };
    } else if (id === "data") {
      // Streaming writers leave the size at 0 or 0xFFFFFFFF: the data runs to the end of the file.
      let dataBytes = size === 0 || size === 0xffffffff ? buffer.length - body : size;
      dataBytes = Math.min(dataBytes, buffer.length - body);
      if (!format || format.byteRate === 0 || format.blockAlign === 0) return null;
      return { format, dataStart: body, dataBytes };
    }
    offset = body + size + (size % 2); // chunks are word-aligned
  }
  return null;
}

export function analyzeWav(buffer: Buffer): AudioInfo {
  const parsed = parseWav(buffer);
  if (!parsed) return { format: "wav", durationSec: null, peaks: null };
  const { format, dataStart, dataBytes } = parsed;
  const durationSec = dataBytes / format.byteRate;
  const peaks = wavPeaks(buffer, dataStart, dataBytes, format, peakCount(durationSec));
  return { format: "wav", durationSec, peaks };
}

export function sampleReader(format: WavFormat): ((buffer: Buffer, at: number) => number) | null {
  const { encoding, bitsPerSample } = format;
  if (encoding === WAVE_PCM) {
    if (bitsPerSample === 8) return (b, at) => ((b[at] ?? 128) - 128) / 128;
    if (bitsPerSample === 16) return (b, at) => b.readInt16LE(at) / 32768;
    if (bitsPerSample === 24) return (b, at) => b.readIntLE(at, 3) / 8388608;
    if (bitsPerSample === 32) return (b, at) => b.readInt32LE(at) / 2147483648;
  }
  if (encoding === WAVE_FLOAT && bitsPerSample === 32) return (b, at) => b.readFloatLE(at);
  if (encoding === WAVE_MULAW && bitsPerSample === 8) return (b, at) => decodeMulaw(b[at] ?? 0xff);
  if (encoding === WAVE_ALAW && bitsPerSample === 8) return (b, at) => decodeAlaw(b[at] ?? 0xd5);
  return null;
}

function wavPeaks(
  buffer: Buffer,
  start: number,
  bytes: number,
  format: WavFormat,
  count: number,
): number[] | null {
  const read = sampleReader(format);
  if (!read) return null;
  const frames = Math.floor(bytes / format.blockAlign);
  if (frames === 0) return null;
  const bytesPerSample = format.bitsPerSample / 8;
  const peaks: number[] = [];
  // Sampling every frame of a long call is slow for no visible gain; a bounded stride is enough.
  const stride = Math.max(1, Math.floor(frames / count / 400));
  for (let bucket = 0; bucket < count; bucket++) {
    const from = Math.floor((bucket * frames) / count);
    const to = Math.floor(((bucket + 1) * frames) / count);
    let peak = 0;
    for (let frame = from; frame < to; frame += stride) {
      const at = start + frame * format.blockAlign;
      for (let channel = 0; channel < format.channels; channel++) {
        const value = Math.abs(read(buffer, at + channel * bytesPerSample));
        if (value > peak) peak = value;
      }
    }
    peaks.push(Math.min(1, peak));
  }
  return roundPeaks(peaks, false);
}

/** G.711 μ-law, as telephone recordings often are. */
export function decodeMulaw(byte: number): number {
  const u = ~byte & 0xff;
  const sign = u & 0x80;
  const exponent = (u >> 4) & 0x07;
  const mantissa = u & 0x0f;
  const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
  return (sign ? -magnitude : magnitude) / 32768;
}

/** G.711 A-law. */
export function decodeAlaw(byte: number): number {
  const a = byte ^ 0x55;
  const sign = a & 0x80;
  const exponent = (a >> 4) & 0x07;
  const mantissa = a & 0x0f;
  const magnitude =
    exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return (sign ? magnitude : -magnitude) / 32768;
}

function roundPeaks(peaks: number[], normalize: boolean): number[] {
  const max = normalize ? Math.max(...peaks, 0) : 1;
  const scale = max > 0 ? 1 / max : 0;
  return peaks.map((p) => Math.round(p * scale * 1000) / 1000);
}

// ---- MP3 ----

type MpegHeader = {
  frameLength: number;
  samples: number;
  sampleRate: number;
  version: 1 | 2 | 25;
  layer: 1 | 2 | 3;
  channels: 1 | 2;
  hasCrc: boolean;
};

const BITRATES: Record<string, number[]> = {
  "1-1": [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  "1-2": [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  "1-3": [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  "2-1": [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  "2-2": [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  "2-3": [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES: Record<number, number[]> = {
  1: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  25: [11025, 12000, 8000],
};

export function parseMpegHeader(buffer: Uint8Array, at: number): MpegHeader | null {
  if (at + 4 > buffer.length) return null;
  const b1 = buffer[at + 1] ?? 0;
  const b2 = buffer[at + 2] ?? 0;
  const b3 = buffer[at + 3] ?? 0;
  if (buffer[at] !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const versionBits = (b1 >> 3) & 0x03;
  const layerBits = (b1 >> 1) & 0x03;
  if (versionBits === 1 || layerBits === 0) return null;
  const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 25;
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const bitrateIndex = (b2 >> 4) & 0x0f;
  const rateIndex = (b2 >> 2) & 0x03;
  if (bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  const bitrate = (BITRATES[`${version === 1 ? 1 : 2}-${layer}`]?.[bitrateIndex] ?? 0) * 1000;
  const sampleRate = SAMPLE_RATES[version]?.[rateIndex] ?? 0;
  const padding = (b2 >> 1) & 0x01;
  const samples = layer === 1 ? 384 : layer === 3 && version !== 1 ? 576 : 1152;
  const frameLength =
    layer === 1
      ? (Math.floor((12 * bitrate) / sampleRate) + padding) * 4
      : Math.floor(((samples / 8) * bitrate) / sampleRate) + padding;
  const channels = ((b3 >> 6) & 0x03) === 3 ? 1 : 2;
  return {
    frameLength,
    samples,
    sampleRate,
    version,
    layer,
    channels,
    hasCrc: (b1 & 0x01) === 0,
  };
}

/** Reads `count` bits MSB-first from `bytes` starting at bit `bit`. */
function readBits(bytes: Uint8Array, bit: number, count: number): number {
  let value = 0;
  for (let i = 0; i < count; i++) {
    const index = bit + i;
    value = (value << 1) | (((bytes[index >> 3] ?? 0) >> (7 - (index & 7))) & 1);
  }
  return value;
}

/**
 * Loudness of one Layer III frame from its side info, without decoding: global_gain is the
 * quantiser step (2^(gain/4)) and big_values how many spectral lines carry energy. Good enough for
 * a waveform's shape; the player normalises to the loudest frame anyway.
 */
function layer3Loudness(buffer: Uint8Array, at: number, header: MpegHeader): number {
  const side = buffer.subarray(at + 4 + (header.hasCrc ? 2 : 0));
  const isMpeg1 = header.version === 1;
  const mono = header.channels === 1;
  let bit = isMpeg1 ? 9 + (mono ? 5 : 3) + 4 * header.channels : 8 + (mono ? 1 : 2);
  const granules = isMpeg1 ? 2 : 1;
  let loudest = 0;
  for (let granule = 0; granule < granules; granule++) {
    for (let channel = 0; channel < header.channels; channel++) {
      const bigValues = readBits(side, bit + 12, 9);
      const globalGain = readBits(side, bit + 21, 8);
      const level = bigValues === 0 ? 0 : 2 ** ((globalGain - 210) / 4) * Math.sqrt(bigValues);
      if (level > loudest) loudest = level;
      bit += isMpeg1 ? 59 : 63;
    }
  }
  return loudest;
}

/** Duration from every frame (so VBR is exact); peaks from Layer III side info (see above). */
export function analyzeMp3(buffer: Buffer): AudioInfo {
  let at = id3Length(buffer);
  let seconds = 0;
  const levels: Array<{ time: number; level: number }> = [];
  let misses = 0;
  while (at + 4 <= buffer.length) {
    const header = parseMpegHeader(buffer, at);
    if (!header || header.frameLength < 4) {
      // Skip junk between frames (a stray tag, a damaged frame), but not forever.
      at++;
      if (++misses > 64 * 1024) break;
      continue;
    }
    misses = 0;
    const level = header.layer === 3 ? layer3Loudness(buffer, at, header) : 0;
    levels.push({ time: seconds, level });
    seconds += header.samples / header.sampleRate;
    at += header.frameLength;
  }
  if (levels.length === 0) return { format: "mp3", durationSec: null, peaks: null };
  const count = peakCount(seconds);
  const peaks = new Array<number>(count).fill(0);
  for (const { time, level } of levels) {
    const bucket = Math.min(count - 1, Math.floor((time / seconds) * count));
    peaks[bucket] = Math.max(peaks[bucket] ?? 0, level);
  }
  const hasLevels = peaks.some((p) => p > 0);
  return { format: "mp3", durationSec: seconds, peaks: hasLevels ? roundPeaks(peaks, true) : null };
}

export function analyzeAudio(buffer: Buffer): AudioInfo | null {
  const format = sniffAudioFormat(buffer);
  if (format === "wav") return analyzeWav(buffer);
  if (format === "mp3") return analyzeMp3(buffer);
  if (format) return { format, durationSec: null, peaks: null };
  return null;
}
