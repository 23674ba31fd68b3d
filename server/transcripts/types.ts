// The one interface every speech backend implements (docs/transcription.md): the audio of one
// channel in, timestamped phrases out. The job (server/transcripts/job.ts) splits a recording
// into channels, calls a backend per channel and file, and takes the speaker from the channel.

/** One channel of one recording file as a mono 16-bit PCM WAV, the widest-accepted upload. */
export type ChannelAudio = { wav: Buffer; sampleRate: number; durationMs: number };

/** A phrase, in ms from the start of the audio it came from. */
export type RecognizedSegment = {
  startMs: number;
  endMs: number;
  text: string;
  /** 0..1 when the recogniser gives one. */
  confidence: number | null;
};

export type Transcriber = {
  /** "openai" or "local": stored with the transcript. */
  readonly backend: string;
  readonly model: string;
  transcribe(audio: ChannelAudio, language: string): Promise<RecognizedSegment[]>;
};

/**
 * Why a backend gave no transcript. `retryAfterMs` set: try again later (a 429, a 5xx, a time
 * out), at least that long from now; null: it will not get better by itself (a refused key, a
 * malformed answer, audio too large), so the transcript fails at once.
 */
export class TranscriberError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
    this.name = "TranscriberError";
  }

  get isRetryable(): boolean {
    return this.retryAfterMs !== null;
  }
}
