import { requirePultSecret } from "@/server/config";
import { encryptSecret } from "@/server/crypto/secret-box";
import { getDb } from "@/server/db";

/**
 * Speech recognition on (an endpoint that never answers: nothing is sent in these suites) and a
 * finished transcript of the stored recording, its phrases naming the company.
 */
export async function seedTranscript(
  tenantId: string,
  label: string,
  callId: string,
  recordingId: string,
): Promise<string> {
  const input = { tenantId, label, callId, recordingId };
  const db = getDb();
  const tag = input.label.toLowerCase();
  await db.speechSettings.upsert({
    where: { tenantId: input.tenantId },
    create: {
      tenantId: input.tenantId,
      backend: "OPENAI",
      endpoint: `https://speech.${tag}.example`,
      apiKeyEnc: encryptSecret(`${tag}-speech-key`, requirePultSecret()),
    },
    update: {},
  });
  const transcript = await db.transcript.upsert({
    where: { callId: input.callId },
    create: {
      tenantId: input.tenantId,
      callId: input.callId,
      recordingId: input.recordingId,
      status: "DONE",
      backend: "openai",
      model: "whisper-1",
      language: "ru",
      progress: 100,
    },
    update: { status: "DONE" },
    select: { id: true },
  });
  await db.transcriptSegment.deleteMany({ where: { transcriptId: transcript.id } });
  await db.transcriptSegment.createMany({
    data: [
      {
        party: "MANAGER" as const,
        channel: 0,
        startMs: 1000,
        endMs: 4000,
        text: `Здравствуйте, компания ${input.label}, слушаю вас.`,
      },
      {
        party: "CLIENT" as const,
        channel: 1,
        startMs: 4500,
        endMs: 8000,
        text: `Хочу продлить договор с ${input.label}.`,
      },
    ].map((s) => ({
      ...s,
      tenantId: input.tenantId,
      transcriptId: transcript.id,
      callId: input.callId,
    })),
  });
  return transcript.id;
}
