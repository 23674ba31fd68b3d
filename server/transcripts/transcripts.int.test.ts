import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { RetryJobLaterError, startJobWorker } from "@/server/jobs/worker";
import { placeClips } from "@/server/pbx-simulator/conversation";
import { startSimulator, type Simulator } from "@/server/pbx-simulator/simulator";
import { speechClip } from "@/server/pbx-simulator/speech-clips";
import { CONTENT_TYPES } from "@/server/recordings/audio";
import { applyRecordingRetention } from "@/server/recordings/retention";
import { createLocalStore, setObjectStore } from "@/server/storage/object-store";
import { stereoWav } from "@/server/talk-analytics/test-audio";
import { actorOf } from "@/server/testing/actors";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import {
  queueTranscript,
  TRANSCRIPT_QUEUE,
  transcribeRecording,
  transcriptJobHandlers,
} from "@/server/transcripts/job";
import { deleteTranscript, getCallTranscript } from "@/server/transcripts/queries";
import { searchTranscripts } from "@/server/transcripts/search";
import { saveSpeechSettings } from "@/server/transcripts/settings";
import { json, scriptedService } from "@/server/transcripts/test-speech-service";

// Transcription end to end on a real database: the HTTP backend against the PBX simulator's
// OpenAI-compatible endpoint (which recognises its own speech clips) and against a scripted
// server for every failure; the job's states; the company's filter; access and search.

const CUES = [
  { clipId: "manager-greeting-2-male", startMs: 800 },
  { clipId: "client-greeting-1-female", startMs: 3400 },
  { clipId: "manager-offer-1-male", startMs: 8000 },
  { clipId: "client-objection-1-female", startMs: 16_500 },
];
const TURNS = placeClips(CUES);
const DURATION_SEC = 24;

let fixture: TenantFixture | undefined;
let simulator: Simulator | undefined;
let dataDir = "";
let tenantId = "";
let managerId = "";
let otherManagerId = "";
let supervisorId = "";
let n = 0;

const admin = () => actorOf(tenantId, fixture?.adminId ?? null, "ADMIN");
const settingsFor = (endpoint: string, overrides: Record<string, unknown> = {}) =>
  saveSpeechSettings(admin(), {
    backend: "OPENAI",
    endpoint,
    apiKey: "sk-test-secret-key",
    model: "whisper-1",
    language: "ru",
    answeredOnly: true,
    minTalkSec: 5,
    directions: ["IN", "OUT"],
    ...overrides,
  });

async function user(role: "MANAGER" | "SUPERVISOR", email: string) {
  return (
    await getDb().user.create({
      data: { tenantId, email, name: email, role, status: "ACTIVE" },
      select: { id: true },
    })
  ).id;
}

/** A stored recording of a call; `queue` makes its transcript row as the download would. */
async function storedCall(
  files: Buffer[],
  call: { managerId?: string; answered?: boolean; talkSec?: number; startedAt?: Date } = {},
) {
  const db = getDb();
  const label = `t${++n}`;
  const at = call.startedAt ?? new Date();
  const isAnswered = call.answered ?? true;
  const created = await db.call.create({
    data: {
      tenantId,
      externalId: `call-${label}`,
      direction: "IN",
      fromNumber: "+79001112233",
      toNumber: "+74951110000",
      state: "ENDED",
      result: isAnswered ? "ANSWERED" : "MISSED",
      startedAt: at,
      answeredAt: isAnswered ? at : null,
      endedAt: at,
      talkSec: call.talkSec ?? DURATION_SEC,
      managerId: call.managerId ?? managerId,
      hasRecording: true,
      lastEventAt: at,
    },
    select: { id: true },
  });
  const recording = await db.recording.create({
    data: { tenantId, callId: created.id, externalId: `rec-${label}`, status: "READY" },
    select: { id: true },
  });
  const store = createLocalStore(dataDir);
  for (const [index, bytes] of files.entries()) {
    const key = `recordings/${tenantId}/${recording.id}/${index}.wav`;
    await store.put(key, bytes, CONTENT_TYPES.wav);
    await db.recordingFile.create({
      data: {
        tenantId,
        recordingId: recording.id,
        index,
        sourceUrl: `http://pbx.test/${label}/${index}`,
        format: "wav",
        storageKey: key,
      },
    });
  }
  await queueTranscript(tenantId, recording.id);
  return { callId: created.id, recordingId: recording.id };
}

const transcriptOf = (callId: string) =>
  getDb().transcript.findUniqueOrThrow({
    where: { callId },
    include: { segments: { orderBy: [{ startMs: "asc" }, { channel: "asc" }] } },
  });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "pult-transcripts-"));
  setObjectStore(createLocalStore(dataDir));
  fixture = await setUpTenant();
  tenantId = fixture.tenantId;
  managerId = await user("MANAGER", "manager@acme.test");
  otherManagerId = await user("MANAGER", "other@acme.test");
  supervisorId = await user("SUPERVISOR", "supervisor@acme.test");
  simulator = await startSimulator({
    clientId: "c",
    clientSecret: "simulator-secret",
    login: "l",
    password: "p",
  });
}, 60_000);

afterAll(async () => {
  await simulator?.close();
  setObjectStore(undefined);
  await fixture?.teardown();
  await rm(dataDir, { recursive: true, force: true });
});

describe("transcription through the simulator's OpenAI-compatible endpoint", () => {
  it("transcribes each channel of a stereo recording with the speaker and the times", async () => {
    await settingsFor(simulator?.url ?? "");
    const ids = await storedCall([stereoWav(DURATION_SEC, TURNS)]);
    await transcribeRecording(tenantId, ids.recordingId, { isFinalAttempt: false });
    const transcript = await transcriptOf(ids.callId);
    expect(transcript.status).toBe("DONE");
    expect(transcript.progress).toBe(100);
    expect(transcript.backend).toBe("openai");
    expect(transcript.segments.map((s) => [s.party, s.text])).toEqual(
      TURNS.map((t) => [t.party === "manager" ? "MANAGER" : "CLIENT", t.text]),
    );
    transcript.segments.forEach((s, i) => {
      expect(Math.abs(s.startMs - (TURNS[i]?.startMs ?? 0))).toBeLessThanOrEqual(2);
      expect(s.confidence).toBeGreaterThan(0.9);
    });
  });

  it("places the phrases of a split recording's second file after the first", async () => {
    const ids = await storedCall([stereoWav(12, TURNS), stereoWav(12, TURNS, 8000, 12)]);
    await transcribeRecording(tenantId, ids.recordingId, { isFinalAttempt: false });
    const transcript = await transcriptOf(ids.callId);
    expect(transcript.status).toBe("DONE");
    const objection = transcript.segments.find(
      (s) => s.text === speechClip("client-objection-1-female").text,
    );
    expect(Math.abs((objection?.startMs ?? 0) - 16_500)).toBeLessThanOrEqual(2);
    expect(objection?.party).toBe("CLIENT");
  });
});

describe("the job's retries and final states", () => {
  it("keeps a rate-limited transcript PENDING and retries after Retry-After, then fails on the last attempt", async () => {
    const service = await scriptedService([
      json(429, { error: "slow down" }, { "retry-after": "30" }),
      json(429, { error: "slow down" }, { "retry-after": "30" }),
    ]);
    try {
      await settingsFor(service.url);
      const ids = await storedCall([stereoWav(DURATION_SEC, TURNS)]);
      const error = await transcribeRecording(tenantId, ids.recordingId, {
        isFinalAttempt: false,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RetryJobLaterError);
      expect((error as RetryJobLaterError).delayMs).toBe(30_000);
      const waiting = await transcriptOf(ids.callId);
      expect(waiting.status).toBe("PENDING");
      expect(waiting.error).toContain("429");
      expect(waiting.attempts).toBe(1);
      await transcribeRecording(tenantId, ids.recordingId, { isFinalAttempt: true });
      const failed = await transcriptOf(ids.callId);
      expect(failed.status).toBe("FAILED");
      expect(failed.error).toContain("rate limiting");
      expect(failed.finishedAt).not.toBeNull();
    } finally {
      await service.close();
    }
  });

  it("has the queue hold the job back until the service's Retry-After", async () => {
    const service = await scriptedService([
      json(429, { error: "slow down" }, { "retry-after": "120" }),
    ]);
    let worker: ReturnType<typeof startJobWorker> | undefined;
    try {
      await settingsFor(service.url);
      const ids = await storedCall([stereoWav(DURATION_SEC, TURNS)]);
      // Only this call's job: the earlier tests' calls ran their jobs by hand.
      await getDb().job.deleteMany({
        where: { queue: TRANSCRIPT_QUEUE, uniqueKey: { not: `transcript:${ids.recordingId}` } },
      });
      worker = startJobWorker({ handlers: transcriptJobHandlers, pollMs: 60_000 });
      const findJob = () =>
        getDb().job.findFirstOrThrow({
          where: { uniqueKey: `transcript:${ids.recordingId}` },
          select: { status: true, runAt: true, attempts: true, queue: true },
        });
      let job = await findJob();
      for (let i = 0; i < 100 && !(job.attempts === 1 && job.status === "QUEUED"); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        job = await findJob();
      }
      expect(job).toMatchObject({ status: "QUEUED", attempts: 1, queue: TRANSCRIPT_QUEUE });
      // The backoff alone would be 5 s.
      expect(job.runAt.getTime() - Date.now()).toBeGreaterThan(110_000);
      expect((await transcriptOf(ids.callId)).status).toBe("PENDING");
    } finally {
      await worker?.stop();
      await service.close();
    }
  });

  it("fails at once, without a retry, on a malformed answer", async () => {
    const service = await scriptedService([json(200, { hello: "world" })]);
    try {
      await settingsFor(service.url);
      const ids = await storedCall([stereoWav(DURATION_SEC, TURNS)]);
      await transcribeRecording(tenantId, ids.recordingId, { isFinalAttempt: false });
      const failed = await transcriptOf(ids.callId);
      expect(failed.status).toBe("FAILED");
      expect(failed.error).toContain("malformed");
    } finally {
      await service.close();
    }
  });
});

describe("the company's filter", () => {
  it("skips calls that do not match, with the reason, and never calls the service", async () => {
    const service = await scriptedService([]);
    try {
      await settingsFor(service.url, { minTalkSec: 30 });
      const missed = await storedCall([stereoWav(4, TURNS)], { answered: false });
      const short = await storedCall([stereoWav(DURATION_SEC, TURNS)], { talkSec: 12 });
      for (const ids of [missed, short])
        await transcribeRecording(tenantId, ids.recordingId, { isFinalAttempt: false });
      expect((await transcriptOf(missed.callId)).status).toBe("SKIPPED");
      expect((await transcriptOf(missed.callId)).error).toBe("Only answered calls are transcribed");
      expect((await transcriptOf(short.callId)).error).toBe(
        "Calls shorter than 30 s of talk are not transcribed",
      );
      expect(service.hits()).toBe(0);
    } finally {
      await service.close();
    }
  });

  it("makes no transcript at all while speech recognition is off", async () => {
    await settingsFor("https://speech.example.com", { backend: "OFF" });
    const ids = await storedCall([stereoWav(DURATION_SEC, TURNS)]);
    expect(await getDb().transcript.count({ where: { callId: ids.callId } })).toBe(0);
    const view = await getCallTranscript(actorOf(tenantId, managerId, "MANAGER"), ids.callId);
    expect(view?.status).toBe("NOT_CONFIGURED");
  });
});

describe("access, deletion, retention and search", () => {
  let own: { callId: string; recordingId: string };
  let others: { callId: string; recordingId: string };

  beforeAll(async () => {
    await settingsFor(simulator?.url ?? "");
    own = await storedCall([stereoWav(DURATION_SEC, TURNS)]);
    others = await storedCall([stereoWav(DURATION_SEC, TURNS)], { managerId: otherManagerId });
    for (const ids of [own, others])
      await transcribeRecording(tenantId, ids.recordingId, { isFinalAttempt: false });
  });

  it("lets a manager read their own call's transcript, logs it, and refuses another manager's", async () => {
    const manager = actorOf(tenantId, managerId, "MANAGER");
    const view = await getCallTranscript(manager, own.callId);
    expect(view?.status).toBe("DONE");
    expect(view && "segments" in view ? view.segments.length : 0).toBe(TURNS.length);
    const logged = await getDb().auditLog.count({
      where: {
        tenantId,
        action: "transcript.view",
        actorUserId: managerId,
        targetId: own.recordingId,
      },
    });
    expect(logged).toBe(1);
    const refused = await getCallTranscript(manager, others.callId).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("FORBIDDEN");
  });

  it("finds a call by an inflected Russian word, with the hit and its time, within what the viewer may hear", async () => {
    // The offer says "…запись разговоров и аналитика…": "разговором" is another form of it.
    expect(speechClip("manager-offer-1-male").text).toContain("разговоров");
    const inflected = "разговором";
    const word = "разговоров";
    const supervisor = actorOf(tenantId, supervisorId, "SUPERVISOR");
    const found = await searchTranscripts(supervisor, { q: inflected, limit: 20 });
    const hit = found.items.find((item) => item.callId === own.callId);
    expect(hit, `"${inflected}" (from "${word}") should find the call`).toBeDefined();
    expect(hit?.atSec).toBeCloseTo(8, 1);
    expect(hit?.parts.some((p) => p.isHit && p.text.toLowerCase() === word.toLowerCase())).toBe(
      true,
    );
    const manager = actorOf(tenantId, managerId, "MANAGER");
    const mine = await searchTranscripts(manager, { q: inflected, limit: 20 });
    expect(mine.items.map((i) => i.callId)).toContain(own.callId);
    expect(mine.items.map((i) => i.callId)).not.toContain(others.callId);
  });

  it("lets a supervisor delete a transcript, and retention deletes it with the audio", async () => {
    await expect(
      deleteTranscript(actorOf(tenantId, managerId, "MANAGER"), own.callId),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await deleteTranscript(actorOf(tenantId, supervisorId, "SUPERVISOR"), own.callId);
    expect(await getDb().transcript.count({ where: { callId: own.callId } })).toBe(0);
    expect(await getDb().transcriptSegment.count({ where: { callId: own.callId } })).toBe(0);

    const old = await storedCall([stereoWav(DURATION_SEC, TURNS)], {
      startedAt: new Date(Date.now() - 40 * 86_400_000),
    });
    await transcribeRecording(tenantId, old.recordingId, { isFinalAttempt: false });
    expect((await transcriptOf(old.callId)).status).toBe("DONE");
    await getDb().tenant.update({
      where: { id: tenantId },
      data: { settings: { recordingRetentionDays: 30 } },
    });
    await applyRecordingRetention();
    expect(await getDb().transcript.count({ where: { callId: old.callId } })).toBe(0);
    expect(await getDb().transcriptSegment.count({ where: { callId: old.callId } })).toBe(0);
  });
});
