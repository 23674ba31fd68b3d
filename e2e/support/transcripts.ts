// A finished transcript written straight into the e2e server's database, as the transcription
// job leaves one: a DONE transcript of the call's recording and its segments by party and time.
// Stands in for the pipeline (server/transcripts), which is built on another branch.
import path from "node:path";
import pg from "pg";
import { E2E_DATA_DIR } from "../fixtures";

export type TranscriptSegmentRow = {
  party: "MANAGER" | "CLIENT" | null;
  startMs: number;
  endMs: number;
  text: string;
};

export async function writeDoneTranscript(
  tenantId: string,
  callId: string,
  segments: readonly TranscriptSegmentRow[],
): Promise<void> {
  const client = new pg.Client({
    host: path.resolve(E2E_DATA_DIR, "run"),
    user: "postgres",
    database: "postgres",
    connectionTimeoutMillis: 5000,
  });
  await client.connect();
  try {
    await client.query("BEGIN");
    const transcript = await client.query<{ id: string }>(
      `INSERT INTO transcripts (id, tenant_id, call_id, recording_id, status, backend, language,
         progress, attempts, started_at, finished_at, updated_at)
       SELECT gen_random_uuid(), $1, $2, r.id, 'DONE', 'e2e', 'ru', 100, 1, now(), now(), now()
       FROM recordings r WHERE r.tenant_id = $1 AND r.call_id = $2
       ORDER BY r.created_at LIMIT 1
       RETURNING id`,
      [tenantId, callId],
    );
    const transcriptId = transcript.rows[0]?.id;
    if (!transcriptId) throw new Error(`call ${callId} has no recording to transcribe`);
    for (const s of segments)
      await client.query(
        `INSERT INTO transcript_segments (id, tenant_id, transcript_id, call_id, party, channel,
           start_ms, end_ms, text)
         VALUES (gen_random_uuid(), $1, $2, $3, $4::"TalkParty", $5, $6, $7, $8)`,
        [
          tenantId,
          transcriptId,
          callId,
          s.party,
          s.party === "CLIENT" ? 1 : 0,
          s.startMs,
          s.endMs,
          s.text,
        ],
      );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    await client.end();
  }
}
