import { randomUUID } from "node:crypto";
import { getDb } from "@/server/db";

// Writes a finished transcript the way the transcription job leaves one: a DONE transcript of
// the call's recording (made if the call has none) and its segments. For tests and the e2e
// journey until the pipeline is on this branch.

export type FixtureSegment = {
  party: "MANAGER" | "CLIENT" | null;
  startMs: number;
  endMs: number;
  text: string;
};

export async function writeDoneTranscript(
  tenantId: string,
  callId: string,
  segments: readonly FixtureSegment[],
): Promise<{ transcriptId: string }> {
  const db = getDb();
  return db.$transaction(async (tx) => {
    const recording =
      (await tx.recording.findFirst({
        where: { tenantId, callId },
        orderBy: { createdAt: "asc" },
        select: { id: true },
      })) ??
      (await tx.recording.create({
        data: { tenantId, callId, externalId: `fixture-${randomUUID()}`, status: "READY" },
        select: { id: true },
      }));
    await tx.transcript.deleteMany({ where: { tenantId, callId } });
    const now = new Date();
    const transcript = await tx.transcript.create({
      data: {
        tenantId,
        callId,
        recordingId: recording.id,
        status: "DONE",
        backend: "fixture",
        language: "ru",
        progress: 100,
        attempts: 1,
        startedAt: now,
        finishedAt: now,
      },
      select: { id: true },
    });
    await tx.transcriptSegment.createMany({
      data: segments.map((s) => ({
        tenantId,
        transcriptId: transcript.id,
        callId,
        party: s.party,
        channel: s.party === "CLIENT" ? 1 : 0,
        startMs: s.startMs,
        endMs: s.endMs,
        text: s.text,
      })),
    });
    return { transcriptId: transcript.id };
  });
}
