import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { getDb } from "@/server/db";
import { startJobWorker, type JobWorker } from "@/server/jobs/worker";
import { placeClips } from "@/server/pbx-simulator/conversation";
import { speechClip, speechMsOf } from "@/server/pbx-simulator/speech-clips";
import { CONTENT_TYPES } from "@/server/recordings/audio";
import { createLocalStore, setObjectStore } from "@/server/storage/object-store";
import { computeStereoFigures } from "@/server/talk-analytics/metrics";
import {
  analyzeCallTalk,
  queueTalkAnalysis,
  TALK_ANALYSIS_QUEUE,
  talkAnalysisJobHandler,
} from "@/server/talk-analytics/job";
import { listRecordings } from "@/server/recordings/queries";
import { getCallTalk } from "@/server/talk-analytics/queries";
import { buildTalkAverages } from "@/server/talk-analytics/report";
import { localToday } from "@/server/reports/options";
import { laneOf, monoWav, stereoMp3, stereoWav } from "@/server/talk-analytics/test-audio";
import { actorOf } from "@/server/testing/actors";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";

// A call of real Russian speech clips with known timings (speech/manifest.json): the manager
// greets at 1.2 s, the client says why they call, the manager cuts in with the offer 1.5 s
// before the client has finished, the client says "угу" during the offer, asks a question, the
// manager says "one moment" and checks for 7 s, answers (the client: "понятно"), and the
// client closes.
const speechMs = (clipId: string) => speechMsOf(speechClip(clipId));
const cues: Array<{ clipId: string; startMs: number }> = [];
const say = (clipId: string, startMs: number) => {
  cues.push({ clipId, startMs });
  return startMs + speechMs(clipId);
};
/** The clip said by the listener 60 % into the turn [start, end). */
const backchannel = (clipId: string, start: number, end: number) =>
  say(clipId, start + Math.round((end - start) * 0.6));
const greetingEnd = say("manager-greeting-3-male", 1200);
const askEnd = say("client-greeting-1-female", greetingEnd + 600);
const offerStart = askEnd - 1500;
const offerEnd = say("manager-offer-1-male", offerStart);
backchannel("client-backchannel-2-female", offerStart, offerEnd);
const questionEnd = say("client-question-3-female", offerEnd + 600);
const holdEnd = say("manager-hold-1-male", questionEnd + 500);
const replyStart = holdEnd + 7000;
const replyEnd = say("manager-reply-3-male", replyStart);
backchannel("client-backchannel-4-female", replyStart, replyEnd);
const closeEnd = say("client-closing-3-female", replyEnd + 500);
const TURNS = placeClips(cues);
const DURATION_SEC = Math.ceil(closeEnd / 1000) + 1;
// The split test cuts the recording inside the 7 s silence.
const SPLIT_SEC = Math.ceil(holdEnd / 1000) + 1;
const EXPECTED = computeStereoFigures(laneOf(TURNS, 0), laneOf(TURNS, 1), DURATION_SEC * 1000);
// The detector marks speech in 30 ms frames and holds on for about 0.1 s after a phrase ends;
// with MP3's encoder delay and resampling each edge is within this.
const EDGE_SEC = 0.25;

let fixture: TenantFixture | undefined;
let dataDir = "";
let tenantId = "";
let managerId = "";
let otherManagerId = "";
let supervisorId = "";
let worker: JobWorker | undefined;

async function user(role: "MANAGER" | "SUPERVISOR", email: string) {
  return (
    await getDb().user.create({
      data: { tenantId, email, name: email, role, status: "ACTIVE" },
      select: { id: true },
    })
  ).id;
}

/** A call of the manager with one READY recording whose files hold `audio`. */
async function callWithRecording(
  label: string,
  audio: Array<{ bytes: Buffer; ext: "wav" | "mp3" }>,
) {
  const db = getDb();
  const at = new Date();
  const call = await db.call.create({
    data: {
      tenantId,
      externalId: `call-${label}`,
      direction: "IN",
      fromNumber: "+79001112233",
      toNumber: "+74951110000",
      state: "ENDED",
      result: "ANSWERED",
      startedAt: at,
      answeredAt: at,
      endedAt: at,
      managerId,
      hasRecording: true,
      lastEventAt: at,
    },
    select: { id: true },
  });
  const recording = await db.recording.create({
    data: { tenantId, callId: call.id, externalId: `rec-${label}`, status: "READY" },
    select: { id: true },
  });
  const store = createLocalStore(dataDir);
  for (const [index, file] of audio.entries()) {
    const key = `recordings/${tenantId}/${recording.id}/${index}.${file.ext}`;
    await store.put(key, file.bytes, CONTENT_TYPES[file.ext]);
    await db.recordingFile.create({
      data: {
        tenantId,
        recordingId: recording.id,
        index,
        sourceUrl: `http://pbx.test/${label}/${index}`,
        format: file.ext,
        storageKey: key,
      },
    });
  }
  return { callId: call.id, recordingId: recording.id };
}

const statsOf = (callId: string) => getDb().callTalkStats.findUniqueOrThrow({ where: { callId } });

async function analyse(ids: { recordingId: string; callId: string }) {
  await queueTalkAnalysis(tenantId, ids.recordingId);
  await analyzeCallTalk(tenantId, ids.recordingId, { isFinalAttempt: true });
  return statsOf(ids.callId);
}

function expectStereoFigures(stats: Awaited<ReturnType<typeof statsOf>>) {
  const sec = (ms: number | null) => (ms ?? 0) / 1000;
  expect(stats.status).toBe("READY");
  expect(stats.channels).toBe(2);
  // An MP3 carries its encoder delay and a padded last frame: a few hundredths more.
  expect(Math.abs((stats.durationSec ?? 0) - DURATION_SEC)).toBeLessThan(0.15);
  // Each party's talk: every phrase's end may be held on a little.
  const manager = sec(EXPECTED.managerTalkMs);
  const client = sec(EXPECTED.clientTalkMs);
  expect(stats.managerTalkSec).toBeGreaterThan(manager - EDGE_SEC);
  expect(stats.managerTalkSec).toBeLessThan(manager + 3 * EDGE_SEC);
  expect(stats.clientTalkSec).toBeGreaterThan(client - EDGE_SEC);
  expect(stats.clientTalkSec).toBeLessThan(client + 4 * EDGE_SEC);
  expect(stats.talkRatio).toBeCloseTo(EXPECTED.talkRatio ?? 0, 1);
  expect(Math.abs((stats.longestSilenceSec ?? 0) - sec(EXPECTED.longestSilenceMs))).toBeLessThan(
    EDGE_SEC,
  );
  expect(Math.abs((stats.firstWordsSec ?? 0) - sec(EXPECTED.firstWordsMs))).toBeLessThan(EDGE_SEC);
  expect(stats.overlapCount).toBe(EXPECTED.overlapCount);
  expect(Math.abs((stats.overlapSec ?? 0) - sec(EXPECTED.overlapMs))).toBeLessThan(2 * EDGE_SEC);
  expect(stats.managerInterruptions).toBe(1);
  expect(stats.longestMonologueParty).toBe("MANAGER");
  expect(
    Math.abs((stats.longestMonologueSec ?? 0) - sec(EXPECTED.longestMonologueMs)),
  ).toBeLessThan(EDGE_SEC);
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "pult-talk-"));
  setObjectStore(createLocalStore(dataDir));
  fixture = await setUpTenant();
  tenantId = fixture.tenantId;
  managerId = await user("MANAGER", "manager@acme.test");
  otherManagerId = await user("MANAGER", "other@acme.test");
  supervisorId = await user("SUPERVISOR", "supervisor@acme.test");
});

afterAll(async () => {
  await worker?.stop();
  setObjectStore(undefined);
  await fixture?.teardown();
  await rm(dataDir, { recursive: true, force: true });
});

describe("talk analytics job", () => {
  it("finds each party's speech in a two-channel WAV and computes the figures", async () => {
    // The fixture's expectations hold only if the sums are what the comment says.
    expect(EXPECTED.managerInterruptions).toBe(1);
    expect(EXPECTED.longestSilenceMs).toBe(7000);
    expect(EXPECTED.overlapCount).toBe(3);
    expect(EXPECTED.longestMonologueParty).toBe("MANAGER");
    // Between 50 % and 70 %: the Recordings filters below count on it.
    expect(EXPECTED.talkRatio).toBeGreaterThan(0.55);
    expect(EXPECTED.talkRatio).toBeLessThan(0.65);
    const ids = await callWithRecording("wav", [
      { bytes: stereoWav(DURATION_SEC, TURNS), ext: "wav" },
    ]);
    const stats = await analyse(ids);
    expectStereoFigures(stats);
    // The lanes start where the phrases start.
    const lanes = (stats.segments as { lanes: number[][] }).lanes;
    expect(lanes).toHaveLength(2);
    expect(Math.abs((lanes[0]?.[0] ?? 0) - 1200)).toBeLessThan(EDGE_SEC * 1000);
    expect(Math.abs((lanes[1]?.[0] ?? 0) - (greetingEnd + 600))).toBeLessThan(EDGE_SEC * 1000);
  });

  it("decodes and resamples a stereo MP3 to the same figures", async () => {
    const ids = await callWithRecording("mp3", [
      { bytes: stereoMp3(DURATION_SEC, TURNS), ext: "mp3" },
    ]);
    expectStereoFigures(await analyse(ids));
  });

  it("plays a split recording's files as one timeline", async () => {
    // Two windows of the same conversation, as the simulator splits a long recording.
    const ids = await callWithRecording("split", [
      { bytes: stereoWav(SPLIT_SEC, TURNS), ext: "wav" },
      { bytes: stereoWav(DURATION_SEC - SPLIT_SEC, TURNS, 8000, SPLIT_SEC), ext: "wav" },
    ]);
    expectStereoFigures(await analyse(ids));
  });

  it("gives speech and silence only for a mono recording", async () => {
    const ids = await callWithRecording("mono", [
      { bytes: monoWav(DURATION_SEC, TURNS), ext: "wav" },
    ]);
    const stats = await analyse(ids);
    expect(stats).toMatchObject({
      status: "READY",
      channels: 1,
      managerTalkSec: null,
      clientTalkSec: null,
      talkRatio: null,
      managerInterruptions: null,
      firstWordsSec: null,
    });
    expect(Math.abs((stats.longestSilenceSec ?? 0) - 7)).toBeLessThan(EDGE_SEC);
    expect(Math.abs((stats.speechSec ?? 0) - EXPECTED.speechMs / 1000)).toBeLessThan(1);
  });

  it("fails with the reason on a file that is not audio, and a re-run after the fix succeeds", async () => {
    const ids = await callWithRecording("broken", [
      { bytes: Buffer.from("<html>Not found</html>".padEnd(200, ".")), ext: "wav" },
    ]);
    const stats = await analyse(ids);
    expect(stats.status).toBe("FAILED");
    expect(stats.error).toMatch(/not audio/);

    const supervisor = actorOf(tenantId, supervisorId, "SUPERVISOR");
    const view = await getCallTalk(supervisor, ids.callId);
    expect(view).toMatchObject({ status: "FAILED", canRerun: true });

    // The file is replaced (say, downloaded again); the supervisor re-runs through the queue.
    const key = `recordings/${tenantId}/${ids.recordingId}/0.wav`;
    await createLocalStore(dataDir).put(key, stereoWav(DURATION_SEC, TURNS), "audio/wav");
    worker = startJobWorker({
      handlers: { [TALK_ANALYSIS_QUEUE]: talkAnalysisJobHandler },
      pollMs: 100,
    });
    await expect(
      createCaller({
        user: {
          id: supervisorId,
          tenantId,
          role: "SUPERVISOR",
          email: "",
          name: "",
          locale: null,
        },
        ip: null,
      }).talk.rerun({ callId: ids.callId }),
    ).resolves.toEqual({
      status: "PENDING",
    });
    expect((await statsOf(ids.callId)).status).toBe("PENDING");
    const deadline = Date.now() + 20_000;
    while ((await statsOf(ids.callId)).status === "PENDING" && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expectStereoFigures(await statsOf(ids.callId));
    // The later tests run the analysis themselves.
    await worker.stop();
    worker = undefined;
    const audit = await getDb().auditLog.count({
      where: { tenantId, action: "talk.rerun", targetId: ids.callId },
    });
    expect(audit).toBe(1);
  });
});

describe("who sees talk analytics", () => {
  it("follows the recording's rules: the call's manager and staff, not another manager", async () => {
    const ids = await callWithRecording("access", [
      { bytes: stereoWav(5, TURNS.slice(0, 1)), ext: "wav" },
    ]);
    await analyse(ids);
    const own = await getCallTalk(actorOf(tenantId, managerId, "MANAGER"), ids.callId);
    expect(own).toMatchObject({ status: "READY", channels: 2, canRerun: false });
    expect(own && "lanes" in own ? own.lanes[0]?.length : 0).toBeGreaterThan(0);
    await expect(
      getCallTalk(actorOf(tenantId, otherManagerId, "MANAGER"), ids.callId),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      getCallTalk(actorOf(tenantId, supervisorId, "SUPERVISOR"), ids.callId),
    ).resolves.toMatchObject({ status: "READY", canRerun: true });
  });

  it("offers an analysis for a recording stored before talk analytics existed", async () => {
    const ids = await callWithRecording("old", [
      { bytes: stereoWav(5, TURNS.slice(0, 1)), ext: "wav" },
    ]);
    const view = await getCallTalk(actorOf(tenantId, supervisorId, "SUPERVISOR"), ids.callId);
    expect(view).toEqual({ recordingId: ids.recordingId, status: "NOT_ANALYSED", canRerun: true });
  });
});

describe("the per-manager report", () => {
  it("averages the analysed calls of each manager over the period", async () => {
    const tenant = await getDb().tenant.findUniqueOrThrow({
      where: { id: tenantId },
      select: { timeZone: true },
    });
    const today = localToday(tenant.timeZone);
    const ready = await getDb().callTalkStats.findMany({
      where: { tenantId, status: "READY", call: { managerId } },
      select: { talkRatio: true, longestSilenceSec: true },
    });
    expect(ready.length).toBeGreaterThan(2);
    const rows = await buildTalkAverages(tenantId, {
      from: today,
      to: today,
      managerIds: [],
      numbers: [],
    });
    expect(rows).toHaveLength(1);
    const [row] = rows;
    const stereo = ready.filter((r) => r.talkRatio !== null);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(row).toMatchObject({ managerId, calls: ready.length, stereoCalls: stereo.length });
    expect(row?.talkRatio).toBeCloseTo(mean(stereo.map((r) => r.talkRatio ?? 0)), 2);
    expect(row?.longestSilenceSec).toBeCloseTo(mean(ready.map((r) => r.longestSilenceSec ?? 0)), 1);
    // Another manager's filter counts nothing.
    await expect(
      buildTalkAverages(tenantId, {
        from: today,
        to: today,
        managerIds: [otherManagerId],
        numbers: [],
      }),
    ).resolves.toEqual([]);
  });
});

describe("Recordings filters on talk analytics", () => {
  it("finds calls by their longest silence and the manager's share of talk", async () => {
    const supervisor = actorOf(tenantId, supervisorId, "SUPERVISOR");
    const stats = await getDb().callTalkStats.findMany({
      where: { tenantId, status: "READY" },
      select: { recordingId: true, longestSilenceSec: true, talkRatio: true },
    });
    const list = async (filters: Record<string, number>) =>
      (await listRecordings(supervisor, { limit: 100, ...filters })).items.map((r) => r.id).sort();
    const ids = (keep: (s: (typeof stats)[number]) => boolean) =>
      stats
        .filter(keep)
        .map((s) => s.recordingId)
        .sort();

    const silent = await list({ minSilenceSec: 5 });
    expect(silent.length).toBeGreaterThan(0);
    expect(silent).toEqual(ids((s) => (s.longestSilenceSec ?? 0) >= 5));
    // The fixture conversation gives the manager about 60 %; the one-phrase call 100 %.
    const monologues = await list({ minManagerShare: 90 });
    expect(monologues.length).toBeGreaterThan(0);
    expect(monologues).toEqual(ids((s) => s.talkRatio !== null && s.talkRatio >= 0.9));
    const balanced = await list({ minManagerShare: 50, maxManagerShare: 70 });
    expect(balanced.length).toBeGreaterThan(2);
    expect(balanced).toEqual(
      ids((s) => s.talkRatio !== null && s.talkRatio >= 0.5 && s.talkRatio <= 0.7),
    );
    // A manager's list stays their own calls; another manager sees none of these.
    const other = await listRecordings(actorOf(tenantId, otherManagerId, "MANAGER"), {
      limit: 100,
      minSilenceSec: 0,
    });
    expect(other.items).toEqual([]);
  });
});
