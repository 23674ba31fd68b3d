// Rows written straight into the e2e server's database and storage, for states no screen
// makes: a recording whose audio is really stored, a status changed without anyone being told.
// Like e2e-database.ts, through the Unix socket in the server's data folder.
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { createLocalStore } from "../../server/storage/object-store";
import { E2E_DATA_DIR } from "../fixtures";

async function withDatabase<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    host: path.resolve(E2E_DATA_DIR, "run"),
    user: "postgres",
    database: "postgres",
    connectionTimeoutMillis: 5000,
  });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A finished call of the company with a downloaded one-file MP3 recording: `audio` is in the
 * server's storage (the "recordings" folder of its DATA_DIR). Returns the recording id.
 */
export async function createStoredRecording(tenantId: string, audio: Buffer): Promise<string> {
  const recordingId = randomUUID();
  const storageKey = `e2e/${recordingId}.mp3`;
  const store = createLocalStore(path.resolve(E2E_DATA_DIR, "recordings"));
  await store.put(storageKey, audio, "audio/mpeg");
  await withDatabase((client) =>
    client.query(
      `WITH call AS (
         INSERT INTO calls (id, tenant_id, external_id, direction, from_number, to_number, state,
           result, started_at, ended_at, has_recording, last_event_at, updated_at)
         VALUES (gen_random_uuid(), $1, 'e2e-' || gen_random_uuid(), 'IN', '+79990000001',
           '+74990000001', 'ENDED', 'ANSWERED', now(), now(), true, now(), now())
         RETURNING id
       ), recording AS (
         INSERT INTO recordings (id, tenant_id, call_id, external_id, status, updated_at)
         SELECT $2, $1, id, 'e2e-' || gen_random_uuid(), 'READY', now() FROM call
         RETURNING id
       )
       INSERT INTO recording_files (id, tenant_id, recording_id, index, source_url, format,
         duration_sec, size_bytes, storage_key, updated_at)
       SELECT gen_random_uuid(), $1, id, 0, 'http://127.0.0.1:9/r.mp3', 'mp3', 1, $3, $4, now()
       FROM recording`,
      [tenantId, recordingId, audio.length, storageKey],
    ),
  );
  return recordingId;
}

/** A user's own status as the next calls.live answer reports it; no socket hears of it. */
export async function setPresenceQuietly(
  email: string,
  presence: "AVAILABLE" | "BREAK" | "OFFLINE",
): Promise<void> {
  await withDatabase((client) =>
    client.query(`UPDATE users SET presence = $2::"Presence" WHERE email = $1`, [email, presence]),
  );
}

/**
 * An answered call taken by `managerId`, `durationSec` long, with `audio` stored as its
 * downloaded WAV recording: what the review queue and the evaluation form need. Returns the
 * call id.
 */
export async function createReviewableCall(
  tenantId: string,
  managerId: string,
  audio: Buffer,
  audioSec: number,
  durationSec: number,
  from = "+79990004455",
): Promise<string> {
  const callId = randomUUID();
  const recordingId = randomUUID();
  const storageKey = `e2e/${recordingId}.wav`;
  const store = createLocalStore(path.resolve(E2E_DATA_DIR, "recordings"));
  await store.put(storageKey, audio, "audio/wav");
  await withDatabase(async (client) => {
    await client.query(
      `INSERT INTO calls (id, tenant_id, external_id, direction, from_number, to_number, state,
         result, started_at, answered_at, ended_at, duration_sec, talk_sec, manager_id,
         has_recording, last_event_at, updated_at)
       VALUES ($1, $2, 'e2e-' || gen_random_uuid(), 'IN', $5, '+74990000001', 'ENDED',
         'ANSWERED', now() - interval '20 minutes', now() - interval '1195 seconds',
         now() - interval '20 minutes' + make_interval(secs => $4), $4, $4 - 5, $3, true, now(), now())`,
      [callId, tenantId, managerId, durationSec, from],
    );
    await client.query(
      `INSERT INTO recordings (id, tenant_id, call_id, external_id, status, updated_at)
       VALUES ($1, $2, $3, 'e2e-' || gen_random_uuid(), 'READY', now())`,
      [recordingId, tenantId, callId],
    );
    await client.query(
      `INSERT INTO recording_files (id, tenant_id, recording_id, index, source_url, format,
         duration_sec, size_bytes, storage_key, updated_at)
       VALUES (gen_random_uuid(), $1, $2, 0, 'http://127.0.0.1:9/r.wav', 'wav', $3, $4, $5, now())`,
      [tenantId, recordingId, audioSec, audio.length, storageKey],
    );
  });
  return callId;
}
