import { log } from "@/server/logger";
import { transcriberFor } from "@/server/transcripts/backends";
import { encodeMonoWav } from "@/server/transcripts/channel-audio";
import { loadSpeechConfig } from "@/server/transcripts/settings";
import { TranscriberError } from "@/server/transcripts/types";

const PROBE_RATE = 8000;
const PROBE_MS = 1000;

export type ConnectionCheck = { ok: boolean; message: string; ms: number };

/**
 * Settings → Speech "Test connection": one second of near-silence through the saved backend. A
 * well-formed answer (even empty) is success; the failure says what the job would say.
 */
export async function testSpeechConnection(tenantId: string): Promise<ConnectionCheck> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const config = await loadSpeechConfig(tenantId);
    const transcriber = transcriberFor(config);
    if (!transcriber) return { ok: false, message: "Speech recognition is off", ms: 0 };
    const samples = new Float32Array((PROBE_RATE * PROBE_MS) / 1000).map(
      (_, i) => Math.sin(i / 3) * 0.001,
    );
    const segments = await transcriber.transcribe(
      { wav: encodeMonoWav(samples, PROBE_RATE), sampleRate: PROBE_RATE, durationMs: PROBE_MS },
      config.language,
    );
    return {
      ok: true,
      message: `${transcriber.backend} ${transcriber.model}: answered with ${segments.length} phrase(s)`,
      ms: elapsed(),
    };
  } catch (error) {
    if (error instanceof TranscriberError)
      return { ok: false, message: error.message, ms: elapsed() };
    log.warn("speech connection test failed", { tenantId, error });
    return { ok: false, message: "The test could not run", ms: elapsed() };
  }
}
