import { createHmac, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { getDb } from "@/server/db";
import { loginAtAuthorizeUrl } from "@/server/demo/oauth-login";
import {
  ensureIntegration,
  redirectUriFor,
  saveCredentials,
} from "@/server/integrations/integration";
import { receiveNotification } from "@/server/integrations/notifications";
import { settleLivePath } from "@/server/calls/live-path";
import { startConnect } from "@/server/integrations/oauth-flow";
import { getValidAccessToken } from "@/server/integrations/tokens";
import { startJobWorker, type JobWorker } from "@/server/jobs/worker";
import { createManualClock, type ManualClock } from "@/server/pbx-simulator/clock";
import { startSimulator, type Simulator } from "@/server/pbx-simulator/simulator";
import { createLocalStore, setObjectStore } from "@/server/storage/object-store";
import { createS3Store } from "@/server/storage/s3";
import { startTestS3Server, TEST_S3_CREDENTIALS } from "@/server/storage/test-s3-server";
import { startPultEdge } from "@/server/testing/mtt-edge";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import {
  downloadRecording,
  downloadRecordingJob,
  RECORDING_DOWNLOAD_QUEUE,
} from "@/server/recordings/pipeline";
import { applyRecordingRetention } from "@/server/recordings/retention";
import { TALK_ANALYSIS_QUEUE, talkAnalysisJobHandler } from "@/server/talk-analytics/job";
import { AUDIT_DEDUPE_MS } from "@/server/recordings/stream";
import {
  streamRecordingForApiKey,
  streamRecordingForUser,
  type Viewer,
} from "@/server/testing/recording-route";
import { actorOf } from "@/server/testing/actors";

const pbx = {
  clientId: "pult-rec",
  clientSecret: "recordings-secret-123456",
  login: "cabinet",
  password: "cabinet-pw",
};
const PBX_NUMBER = "+74951110000";
const CLIENT_PHONE = "+79005554433";

let fixture: TenantFixture | undefined;
let simulator: Simulator | undefined;
let clock: ManualClock;
let edge: Server | undefined;
let worker: JobWorker | undefined;
let dataDir = "";
let tenantId = "";
let notificationKey = "";
let admin: Viewer;
let supervisor: Viewer;
let manager: Viewer;
let otherManager: Viewer;
let clientOwner: Viewer;
let stranger: Viewer;

async function until<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function control(method: string, route: string, body?: unknown) {
  const response = await fetch(`${simulator?.url}${route}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${route}: ${response.status}`).toBe(true);
  return (await response.json()) as Record<string, unknown>;
}

/** An incoming call that the manager's workplace answers and talks for `seconds`. */
async function answeredCall(seconds: number): Promise<string> {
  const { callId } = await control("POST", "/control/calls", {
    from: CLIENT_PHONE,
    to: PBX_NUMBER,
  });
  const id = String(callId);
  await control("POST", `/control/calls/${id}/answer`, { workplaceId: "wp-1" });
  clock.advance(seconds * 1000);
  await control("POST", `/control/calls/${id}/hangup`);
  clock.advance(600);
  return id;
}

const recordingOf = (externalCallId: string) =>
  getDb().recording.findFirst({
    where: { tenantId, call: { externalId: externalCallId } },
    select: {
      id: true,
      status: true,
      error: true,
      attempts: true,
      deletedAt: true,
      deletedReason: true,
      callId: true,
      files: {
        select: {
          index: true,
          format: true,
          durationSec: true,
          sizeBytes: true,
          storageKey: true,
          peaks: true,
          sourceUrl: true,
        },
        orderBy: { index: "asc" },
      },
    },
  });

async function readyRecording(externalCallId: string) {
  return until(async () => {
    const recording = await recordingOf(externalCallId);
    return recording?.status === "READY" ? recording : null;
  });
}

/** The PBX's own copy of a file, fetched with Pult's token. */
async function pbxBytes(url: string): Promise<Buffer> {
  const token = await getValidAccessToken(tenantId);
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return Buffer.from(await response.arrayBuffer());
}

function get(recordingId: string, init: { range?: string; query?: string; method?: string } = {}) {
  return {
    method: init.method ?? "GET",
    url: `http://localhost/api/recordings/${recordingId}${init.query ?? "?file=0"}`,
    headers: new Headers(init.range ? { range: init.range } : {}),
  };
}

async function viewer(email: string, role: Viewer["role"], workplaceId?: string): Promise<Viewer> {
  const user = await getDb().user.create({
    data: {
      tenantId,
      email,
      name: email.split("@")[0] ?? email,
      role,
      status: "ACTIVE",
      workplaceId: workplaceId ?? null,
    },
    select: { id: true, role: true, tenantId: true },
  });
  return user;
}

async function deliver(type: string, data: Record<string, unknown>) {
  const body = JSON.stringify({
    id: randomUUID(),
    type,
    occurredAt: new Date().toISOString(),
    data,
  });
  const signature = `sha256=${createHmac("sha256", pbx.clientSecret).update(body).digest("hex")}`;
  const result = await receiveNotification({
    notificationKey,
    rawBody: body,
    signature,
    contentType: "application/json",
  });
  expect(result.status).toBe(200);
  // Acknowledged once durable; the call is folded right after.
  expect(await settleLivePath()).toBe(true);
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "pult-recordings-"));
  setObjectStore(createLocalStore(dataDir));
  edge = await startPultEdge();
  fixture = await setUpTenant({
    publicUrl: `http://localhost:${(edge.address() as AddressInfo).port}`,
  });
  tenantId = fixture.tenantId;
  clock = createManualClock(Date.now());
  simulator = await startSimulator({
    ...pbx,
    clock,
    seed: "recordings",
    recordingDelayMs: 500,
    remoteAnswerDelayMs: null,
    structure: {
      workplaces: [
        { id: "wp-1", name: "Продажи", extension: "101", distribution: "all", terminals: [] },
      ],
      numbers: [
        {
          number: PBX_NUMBER,
          kind: "city",
          label: "Продажи",
          parking: false,
          workplaceIds: ["wp-1"],
        },
      ],
    },
  });
  notificationKey = (await ensureIntegration(tenantId)).notificationKey;
  simulator.registerRedirectUri(redirectUriFor(notificationKey));
  const scope = actorOf(tenantId, fixture.adminId);
  await saveCredentials(scope, {
    ...pbx,
    apiUrl: `${simulator.url}/vats/v1`,
    oauthUrl: simulator.url,
    signNotifications: true,
  });
  const { authorizeUrl } = await startConnect(scope);
  const landing = await fetch(await loginAtAuthorizeUrl(authorizeUrl, pbx.login, pbx.password));
  expect(landing.ok).toBe(true);

  const workplace = await getDb().workplace.upsert({
    where: { tenantId_externalId: { tenantId, externalId: "wp-1" } },
    create: { tenantId, externalId: "wp-1", name: "Продажи" },
    update: {},
  });
  admin = { id: fixture.adminId, role: "ADMIN", tenantId };
  manager = await viewer("maria@acme.test", "MANAGER", workplace.id);
  otherManager = await viewer("ivan@acme.test", "MANAGER");
  clientOwner = await viewer("olga@acme.test", "MANAGER");
  supervisor = await viewer("sofia@acme.test", "SUPERVISOR");
  await getDb().client.create({
    data: {
      tenantId,
      name: "Анна Клиентова",
      personalManagerId: clientOwner.id,
      // On the card since before the simulator's clock began: a manager sees a client's calls
      // only from a number that was the client's when the call started.
      phones: { create: { tenantId, e164: CLIENT_PHONE, createdAt: new Date("2020-01-01") } },
    },
  });
  const other = await getDb().tenant.create({ data: { name: "Other Co" }, select: { id: true } });
  const strangerUser = await getDb().user.create({
    data: {
      tenantId: other.id,
      email: "boss@other.test",
      name: "Boss",
      role: "ADMIN",
      status: "ACTIVE",
    },
    select: { id: true, role: true, tenantId: true },
  });
  stranger = strangerUser;
  worker = startJobWorker({
    handlers: {
      [RECORDING_DOWNLOAD_QUEUE]: downloadRecordingJob,
      [TALK_ANALYSIS_QUEUE]: talkAnalysisJobHandler,
    },
    pollMs: 50,
  });
});

afterAll(async () => {
  await worker?.stop();
  await simulator?.close();
  await new Promise((resolve) => edge?.close(resolve));
  await fixture?.teardown();
  setObjectStore(undefined);
  await rm(dataDir, { recursive: true, force: true });
});

describe("recordings pipeline", () => {
  let recordingId = "";
  let original: Buffer = Buffer.alloc(0);

  it("downloads, verifies, measures and stores the recording of an answered call", async () => {
    const callId = await answeredCall(12);
    const recording = await readyRecording(callId);
    recordingId = recording.id;
    expect(recording.error).toBeNull();
    const [file] = recording.files;
    expect(recording.files).toHaveLength(1);
    expect(file).toMatchObject({ index: 0, format: "wav", durationSec: 12 });
    expect(Number(file?.sizeBytes)).toBe(44 + 12 * 8000 * 2 * 2);
    expect(file?.storageKey).toBe(`recordings/${tenantId}/${recording.id}/0.wav`);
    expect(Array.isArray(file?.peaks) && file.peaks.length).toBe(120);
    original = await pbxBytes(file?.sourceUrl ?? "");
    expect(original.length).toBe(Number(file?.sizeBytes));
    const call = await getDb().call.findUniqueOrThrow({
      where: { id: recording.callId },
      select: { hasRecording: true, managerId: true },
    });
    expect(call).toEqual({ hasRecording: true, managerId: manager.id });
  });

  it("queues talk analytics with the stored recording, and the job finds both parties", async () => {
    const stats = await until(async () => {
      const row = await getDb().callTalkStats.findFirst({ where: { tenantId, recordingId } });
      return row?.status === "READY" || row?.status === "FAILED" ? row : null;
    });
    expect(stats.error).toBeNull();
    // The simulator's two-channel conversation: the manager greets first, both parties talk.
    expect(stats.channels).toBe(2);
    expect(stats.managerTalkSec).toBeGreaterThan(1);
    expect(stats.clientTalkSec).toBeGreaterThan(0);
    expect(stats.firstWordsSec).toBeLessThan(2);
    expect(stats.durationSec).toBeCloseTo(12, 1);
  });

  it("streams the whole file and exactly the bytes of a Range in the middle", async () => {
    const whole = await streamRecordingForUser(supervisor, recordingId, get(recordingId), null);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("audio/wav");
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect(Number(whole.headers.get("content-length"))).toBe(original.length);
    expect(Buffer.from(await whole.arrayBuffer()).equals(original)).toBe(true);

    const middle = await streamRecordingForUser(
      supervisor,
      recordingId,
      get(recordingId, { range: "bytes=100000-100999" }),
      null,
    );
    expect(middle.status).toBe(206);
    expect(middle.headers.get("content-range")).toBe(`bytes 100000-100999/${original.length}`);
    expect(middle.headers.get("content-length")).toBe("1000");
    const bytes = Buffer.from(await middle.arrayBuffer());
    expect(bytes.equals(original.subarray(100000, 101000))).toBe(true);

    const suffix = await streamRecordingForUser(
      supervisor,
      recordingId,
      get(recordingId, { range: "bytes=-16" }),
      null,
    );
    expect(Buffer.from(await suffix.arrayBuffer()).equals(original.subarray(-16))).toBe(true);
    const beyond = await streamRecordingForUser(
      supervisor,
      recordingId,
      get(recordingId, { range: `bytes=${original.length}-` }),
      null,
    );
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${original.length}`);
    const head = await streamRecordingForUser(
      supervisor,
      recordingId,
      get(recordingId, { method: "HEAD" }),
      null,
    );
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
  });

  it("names downloads after date, client and manager", async () => {
    const response = await streamRecordingForUser(
      manager,
      recordingId,
      get(recordingId, { query: "?file=0&download=1" }),
      null,
    );
    expect(response.status).toBe(200);
    const disposition = response.headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(/^attachment; filename="\d{4}-\d\d-\d\d_\d\d-\d\d_/);
    expect(decodeURIComponent(disposition.split("''")[1] ?? "")).toMatch(
      /^\d{4}-\d\d-\d\d_\d\d-\d\d_Анна Клиентова_maria\.wav$/,
    );
    await response.body?.cancel();
  });

  it("lets the manager on the call and the client's manager listen; others get 403, other companies 404", async () => {
    for (const allowed of [manager, clientOwner, admin]) {
      const response = await streamRecordingForUser(allowed, recordingId, get(recordingId), null);
      expect(response.status).toBe(200);
      await response.body?.cancel();
    }
    const forbidden = await streamRecordingForUser(
      otherManager,
      recordingId,
      get(recordingId),
      null,
    );
    expect(forbidden.status).toBe(403);
    const foreign = await streamRecordingForUser(stranger, recordingId, get(recordingId), null);
    expect(foreign.status).toBe(404);
    const foreignKey = await streamRecordingForApiKey(
      { tenantId: stranger.tenantId, apiKeyId: randomUUID() },
      recordingId,
      get(recordingId),
      null,
    );
    expect(foreignKey.status).toBe(404);
    const guessed = await streamRecordingForUser(admin, "not-a-uuid", get("not-a-uuid"), null);
    expect(guessed.status).toBe(404);
    const noFile = await streamRecordingForUser(
      admin,
      recordingId,
      get(recordingId, { query: "?file=7" }),
      null,
    );
    expect(noFile.status).toBe(404);

    const asManager = createCaller({
      user: { ...otherManager, email: "", name: "", locale: null },
      ip: null,
    });
    await expect(asManager.recordings.get({ id: recordingId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const list = await asManager.recordings.list({});
    expect(list.items.map((r) => r.id)).not.toContain(recordingId);
    const asOwner = createCaller({
      user: { ...clientOwner, email: "", name: "", locale: null },
      ip: null,
    });
    expect((await asOwner.recordings.list({})).items.map((r) => r.id)).toContain(recordingId);
  });

  it("audits plays and downloads once per person and recording within a few minutes", async () => {
    const rows = await getDb().auditLog.findMany({
      where: { tenantId, targetId: recordingId },
      select: { action: true, actorUserId: true, createdAt: true },
    });
    const plays = rows.filter((r) => r.action === "recording.play");
    // supervisor (4 GETs incl. Range chunks; HEAD not counted), manager, client owner, admin.
    expect(plays.filter((r) => r.actorUserId === supervisor.id)).toHaveLength(1);
    expect(new Set(plays.map((r) => r.actorUserId))).toEqual(
      new Set([supervisor.id, manager.id, clientOwner.id, admin.id]),
    );
    expect(rows.filter((r) => r.action === "recording.download")).toHaveLength(1);
    expect(rows.some((r) => r.actorUserId === otherManager.id)).toBe(false);

    // After the window, a new listen is a new row.
    await getDb().auditLog.updateMany({
      where: { tenantId, targetId: recordingId, actorUserId: supervisor.id },
      data: { createdAt: new Date(Date.now() - AUDIT_DEDUPE_MS - 1000) },
    });
    const again = await streamRecordingForUser(supervisor, recordingId, get(recordingId), null);
    await again.body?.cancel();
    const log = await createCaller({
      user: { ...admin, email: "admin@acme.test", name: "Admin", locale: null },
      ip: null,
    }).recordings.auditLog({});
    const supervisorPlays = log.items.filter(
      (item) => item.recordingId === recordingId && item.actor?.name === "sofia",
    );
    expect(supervisorPlays).toHaveLength(2);
    expect(supervisorPlays[0]?.call?.fromNumber).toBe(CLIENT_PHONE);
  });

  it("refreshes a token that expires in the middle of a download and continues", async () => {
    const callId = await answeredCall(30);
    const recording = await readyRecording(callId);
    await getDb().recordingFile.updateMany({
      where: { recordingId: recording.id },
      data: { storageKey: null },
    });
    await getDb().recording.update({ where: { id: recording.id }, data: { status: "PENDING" } });
    const before = await getDb().mttIntegration.findUniqueOrThrow({
      where: { tenantId },
      select: { refreshTokenEnc: true },
    });
    const tokenBefore = await getValidAccessToken(tenantId);
    let chunks = 0;
    await downloadRecording(tenantId, recording.id, {
      isFinalAttempt: false,
      download: {
        chunkBytes: 64 * 1024,
        // After the first chunk the PBX's clock passes the access token's 2 hours.
        onChunk: () => {
          if (++chunks === 1) clock.advance(7201 * 1000);
        },
      },
    });
    expect(chunks).toBeGreaterThan(3);
    const after = await recordingOf(callId);
    expect(after?.status).toBe("READY");
    const refreshed = await getDb().mttIntegration.findUniqueOrThrow({
      where: { tenantId },
      select: { refreshTokenEnc: true, status: true },
    });
    expect(refreshed.refreshTokenEnc).not.toBe(before.refreshTokenEnc);
    expect(refreshed.status).toBe("CONNECTED");
    // The PBX refuses the first chunk's token now, so the chunks after it (all of which arrived)
    // went with a newer one; Pult has kept the new token, and the PBX takes it.
    const fileUrl = after?.files[0]?.sourceUrl ?? "";
    const withToken = (token: string) =>
      fetch(fileUrl, { headers: { authorization: `Bearer ${token}`, range: "bytes=0-0" } });
    expect((await withToken(tokenBefore)).status).toBe(401);
    const tokenAfter = await getValidAccessToken(tenantId);
    // Compared, not printed: a failure must not write a token into the test output.
    expect(tokenAfter === tokenBefore, "Pult still holds the expired token").toBe(false);
    expect((await withToken(tokenAfter)).status).toBe(206);
    const stored = await streamRecordingForUser(admin, recording.id, get(recording.id), null);
    const expected = await pbxBytes(fileUrl);
    expect(Buffer.from(await stored.arrayBuffer()).equals(expected)).toBe(true);
  });

  it("shows a download that is not audio as FAILED with the reason; an admin's retry fixes it", async () => {
    const callId = await answeredCall(5);
    const good = await readyRecording(callId);
    const externalRecordingId = randomUUID();
    // The PBX (or a proxy in front of it) answers with an HTML page instead of the file.
    await deliver("recordingReady", {
      callId,
      recordingId: externalRecordingId,
      files: [{ url: `${simulator?.url}/`, format: "wav", durationSec: 5, sizeBytes: 80_044 }],
    });
    const failed = await until(async () => {
      const row = await getDb().recording.findFirst({
        where: { tenantId, externalId: externalRecordingId },
        select: { id: true, status: true, error: true },
      });
      return row?.status === "FAILED" ? row : null;
    });
    expect(failed.error).toBe("The PBX sent an HTML or XML page instead of a recording");
    const asAdmin = createCaller({
      user: { ...admin, email: "admin@acme.test", name: "Admin", locale: null },
      ip: null,
    });
    const byCall = await asAdmin.recordings.byCall({ callId: good.callId });
    expect(byCall.find((r) => r.id === failed.id)).toMatchObject({
      status: "FAILED",
      canRetry: true,
    });
    const asSupervisor = createCaller({
      user: { ...supervisor, email: "", name: "", locale: null },
      ip: null,
    });
    await expect(asSupervisor.recordings.retry({ id: failed.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const notReady = await streamRecordingForUser(admin, failed.id, get(failed.id), null);
    expect(notReady.status).toBe(409);

    // The PBX sends the notification again with a working link; the admin retries.
    await deliver("recordingReady", {
      callId,
      recordingId: externalRecordingId,
      files: [{ ...good.files[0], url: good.files[0]?.sourceUrl, sizeBytes: 80_044 }].map((f) => ({
        url: f.url,
        format: "wav",
        durationSec: 5,
        sizeBytes: f.sizeBytes,
      })),
    });
    expect((await getDb().recording.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe(
      "FAILED",
    );
    await asAdmin.recordings.retry({ id: failed.id });
    await until(async () => {
      const row = await getDb().recording.findUniqueOrThrow({
        where: { id: failed.id },
        select: { status: true },
      });
      return row.status === "READY";
    });
    await expect(asAdmin.recordings.retry({ id: failed.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const audit = await getDb().auditLog.count({
      where: { tenantId, action: "recording.retry", targetId: failed.id },
    });
    expect(audit).toBe(1);
  });

  it("stores in S3-compatible storage when configured and streams Range from there", async () => {
    const s3 = await startTestS3Server(["calls"]);
    setObjectStore(
      createS3Store({
        endpoint: s3.endpoint,
        bucket: "calls",
        region: "ru-1",
        ...TEST_S3_CREDENTIALS,
      }),
    );
    try {
      const callId = await answeredCall(6);
      const recording = await readyRecording(callId);
      const key = recording.files[0]?.storageKey ?? "";
      const stored = await s3.stored("calls", key);
      const expected = await pbxBytes(recording.files[0]?.sourceUrl ?? "");
      expect(stored?.equals(expected)).toBe(true);
      const middle = await streamRecordingForUser(
        supervisor,
        recording.id,
        get(recording.id, { range: "bytes=5000-5099" }),
        null,
      );
      expect(middle.status).toBe(206);
      expect(Buffer.from(await middle.arrayBuffer()).equals(expected.subarray(5000, 5100))).toBe(
        true,
      );
      expect(s3.requests.map((r) => r.split("?")[0])).toContain(`GET /calls/${key}`);
    } finally {
      setObjectStore(createLocalStore(dataDir));
      await s3.close();
    }
  });

  it("retention deletes old audio and keeps the metadata", async () => {
    const recording = await getDb().recording.findUniqueOrThrow({
      where: { id: recordingId },
      select: { callId: true, files: { select: { storageKey: true } } },
    });
    const key = recording.files[0]?.storageKey ?? "";
    await getDb().call.update({
      where: { id: recording.callId },
      data: { startedAt: new Date(Date.now() - 40 * 24 * 3600 * 1000) },
    });
    // No limit set: nothing is deleted.
    expect((await applyRecordingRetention()).deleted).toBe(0);
    await getDb().tenant.update({
      where: { id: tenantId },
      data: { settings: { recordingRetentionDays: 30 } },
    });
    const result = await applyRecordingRetention();
    expect(result.deleted).toBe(1);
    const after = await recordingOf(
      (await getDb().call.findUniqueOrThrow({ where: { id: recording.callId } })).externalId,
    );
    expect(after).toMatchObject({ status: "DELETED", deletedReason: "retention" });
    expect(after?.deletedAt).toBeInstanceOf(Date);
    expect(after?.files[0]).toMatchObject({ storageKey: null, durationSec: 12, format: "wav" });
    expect(await createLocalStore(dataDir).size(key)).toBeNull();
    const gone = await streamRecordingForUser(admin, recordingId, get(recordingId), null);
    expect(gone.status).toBe(410);
    // Newer recordings keep their audio; a second run deletes nothing more.
    expect((await applyRecordingRetention()).deleted).toBe(0);
    const kept = await getDb().recording.count({ where: { tenantId, status: "READY" } });
    expect(kept).toBeGreaterThan(0);
  });
});
