import { z } from "zod";

// Speech recognition (Settings → Speech) and transcripts: shared by the forms and procedures.

export const speechBackends = ["OFF", "OPENAI", "LOCAL"] as const;
export type SpeechBackendName = (typeof speechBackends)[number];
export const callDirections = ["IN", "OUT", "INTERNAL"] as const;

export const SPEECH_MAX_MIN_TALK_SEC = 3600;

const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

export const speechEndpointSchema = z
  .string()
  .trim()
  .max(2000, { error: "too_long" })
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "https:" || url.protocol === "http:") && !url.username;
      } catch {
        return false;
      }
    },
    { error: "invalid_url" },
  );

export const saveSpeechSettingsInput = z
  .object({
    backend: z.enum(speechBackends),
    endpoint: z.preprocess(emptyToUndefined, speechEndpointSchema.optional()),
    /** Write-only: undefined keeps the stored key, "" removes it. */
    apiKey: z.string().trim().max(500, { error: "too_long" }).optional(),
    model: z
      .string()
      .trim()
      .min(1, { error: "required" })
      .max(100, { error: "too_long" })
      .regex(/^[\w.:/-]+$/, { error: "model_invalid" }),
    language: z
      .string()
      .trim()
      .regex(/^[a-z]{2,3}$/, { error: "language_invalid" }),
    answeredOnly: z.boolean(),
    minTalkSec: z.coerce
      .number({ error: "number_invalid" })
      .int({ error: "number_invalid" })
      .min(0, { error: "number_invalid" })
      .max(SPEECH_MAX_MIN_TALK_SEC, { error: "number_invalid" }),
    directions: z.array(z.enum(callDirections)).min(1, { error: "directions_required" }),
  })
  .superRefine((value, ctx) => {
    if (value.backend === "OPENAI" && !value.endpoint)
      ctx.addIssue({ code: "custom", path: ["endpoint"], message: "required" });
  });
export type SaveSpeechSettingsInput = z.infer<typeof saveSpeechSettingsInput>;

export const transcriptCallInput = z.object({ callId: z.uuid() });

export const transcriptSearchInput = z.object({
  q: z.string().trim().min(2, { error: "search_too_short" }).max(200, { error: "too_long" }),
  cursor: z.int().min(0).optional(),
  limit: z.int().min(1).max(50).default(20),
});
export type TranscriptSearchInput = z.infer<typeof transcriptSearchInput>;
