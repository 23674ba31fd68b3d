import { getConfig } from "@/server/config";
import { createLocalTranscriber } from "@/server/transcripts/local-backend";
import { createOpenAiTranscriber } from "@/server/transcripts/openai-backend";
import type { SpeechConfig } from "@/server/transcripts/settings";
import { TranscriberError, type Transcriber } from "@/server/transcripts/types";

/** The company's backend, or null when speech recognition is off. */
export function transcriberFor(config: SpeechConfig): Transcriber | null {
  if (config.backend === "OFF") return null;
  if (config.backend === "LOCAL") {
    const dir = getConfig().speechModelDir;
    if (!dir)
      throw new TranscriberError(
        "No local model folder is configured (PULT_SPEECH_MODEL_DIR)",
        null,
      );
    return createLocalTranscriber(dir);
  }
  if (!config.endpoint) throw new TranscriberError("No speech service endpoint is set", null);
  return createOpenAiTranscriber({
    endpoint: config.endpoint,
    apiKey: config.apiKey,
    model: config.model,
  });
}
