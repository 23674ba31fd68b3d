import { decodeChunks } from "@/server/talk-analytics/decode";
import type { Pause } from "@/server/talk-analytics/pause";
import type { ChannelAudio } from "@/server/transcripts/types";

const HEADER_BYTES = 44;

/** A mono 16-bit PCM WAV of float samples (-1..1). */
export function encodeMonoWav(samples: Float32Array, sampleRate: number): Buffer {
  const dataBytes = samples.length * 2;
  const buffer = Buffer.alloc(HEADER_BYTES + dataBytes);
  buffer.write("RIFF", 0, "ascii");
  buffer.writeUInt32LE(36 + dataBytes, 4);
  buffer.write("WAVE", 8, "ascii");
  buffer.write("fmt ", 12, "ascii");
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20); // PCM
  buffer.writeUInt16LE(1, 22); // mono
  buffer.writeUInt32LE(sampleRate, 24);
  buffer.writeUInt32LE(sampleRate * 2, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write("data", 36, "ascii");
  buffer.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples.length; i++) {
    // × 32768, the inverse of the reader: 16-bit sources come back sample for sample.
    const value = Math.round((samples[i] ?? 0) * 32768);
    buffer.writeInt16LE(Math.max(-32768, Math.min(32767, value)), HEADER_BYTES + i * 2);
  }
  return buffer;
}

/**
 * A recording file (WAV or MP3) split into its channels, each a mono WAV at the file's own rate:
 * a stereo call recording has the manager and the client on separate channels, and each is
 * transcribed on its own so the speaker is known.
 */
export async function splitChannels(file: Buffer, pause: Pause): Promise<ChannelAudio[]> {
  const parts: Float32Array[][] = [];
  let sampleRate = 0;
  for await (const chunk of decodeChunks(file, pause)) {
    sampleRate = chunk.sampleRate;
    chunk.channels.forEach((samples, c) => {
      (parts[c] ??= []).push(samples);
    });
  }
  return parts.map((chunks) => {
    const length = chunks.reduce((sum, c) => sum + c.length, 0);
    const joined = new Float32Array(length);
    let at = 0;
    for (const c of chunks) {
      joined.set(c, at);
      at += c.length;
    }
    return {
      wav: encodeMonoWav(joined, sampleRate),
      sampleRate,
      durationMs: Math.round((length * 1000) / sampleRate),
    };
  });
}
