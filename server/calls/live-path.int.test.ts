import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, getPool } from "@/server/db";
import { ensureIntegration, saveCredentials } from "@/server/integrations/integration";
import { receiveNotification } from "@/server/integrations/notifications";
import { middayTimeZone, setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { foldCallEvents } from "@/server/calls/fold";
import {
  configureLivePath,
  livePathStats,
  recoverUnfolded,
  resetLivePath,
  settleLivePath,
} from "@/server/calls/live-path";
import { panelStatuses } from "@/server/calls/manager-panel";
import { getManagerStatuses } from "@/server/calls/managers";
import { parseNotification } from "@/server/mtt/notifications";
import { actorOf } from "@/server/testing/actors";

// The live path end to end on a real database: acknowledged when durable, folded after, and
// correct across a crash, another instance's writes and overload.

const secret = "live-path-secret-123456";
let fixture: TenantFixture | undefined;
let tenantId = "";
let key = "";
let managerId = "";

const t0 = Date.now() - 600_000;
const at = (sec: number) => new Date(t0 + sec * 1000).toISOString();
const body = (type: string, sec: number, data: Record<string, unknown>) =>
  JSON.stringify({ id: randomUUID(), type, occurredAt: at(sec), data });

function send(raw: string) {
  return receiveNotification({
    notificationKey: key,
    rawBody: raw,
    signature: `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`,
    contentType: "application/json",
  });
}

const missedCall = (callId: string, from = "+79005550001") => [
  body("callStarted", 0, {
    callId,
    direction: "incoming",
    from,
    to: "+74951234567",
    parked: false,
  }),
  body("callDelivered", 1, { callId, workplaceId: "wp-1" }),
  body("callEnded", 20, {
    callId,
    result: "missed",
    durationSec: 20,
    talkSec: 0,
    hasRecording: false,
  }),
];
const answeredCall = (callId: string) => [
  body("callStarted", 0, {
    callId,
    direction: "incoming",
    from: "+79005550002",
    to: "+74951234567",
    parked: false,
  }),
  body("callDelivered", 1, { callId, workplaceId: "wp-1" }),
  body("callAnswered", 4, { callId, workplaceId: "wp-1", party: "workplace" }),
  body("callEnded", 64, {
    callId,
    result: "answered",
    durationSec: 64,
    talkSec: 60,
    hasRecording: false,
  }),
];

const callOf = (externalId: string) =>
  getDb().call.findUnique({
    where: { tenantId_externalId: { tenantId, externalId } },
    select: {
      id: true,
      state: true,
      result: true,
      talkSec: true,
      managerId: true,
      foldVersion: true,
      answeredAt: true,
    },
  });
const unprocessed = () => getDb().callEvent.count({ where: { tenantId, processedAt: null } });

beforeAll(async () => {
  fixture = await setUpTenant();
  tenantId = fixture.tenantId;
  key = (await ensureIntegration(tenantId)).notificationKey;
  // The managers panel counts calls that started today, and these started minutes ago.
  await getDb().tenant.update({ where: { id: tenantId }, data: { timeZone: middayTimeZone() } });
  await saveCredentials(actorOf(tenantId, fixture.adminId), {
    clientId: "pult",
    clientSecret: secret,
    signNotifications: true,
  });
  const workplace = await getDb().workplace.create({
    data: { tenantId, externalId: "wp-1", name: "Продажи" },
  });
  const manager = await getDb().user.create({
    data: {
      tenantId,
      email: "lena@acme.test",
      name: "Лена",
      role: "MANAGER",
      status: "ACTIVE",
      workplaceId: workplace.id,
    },
  });
  managerId = manager.id;
});

afterAll(async () => {
  configureLivePath({ foldDelayMs: 0 });
  await fixture?.teardown();
});

describe("the live path", () => {
  it("acknowledges a notification once it is stored, before the call is folded", async () => {
    configureLivePath({ foldDelayMs: 400 });
    const [start] = missedCall("ack-first");
    const answer = await send(start ?? "");
    expect(answer).toEqual({ status: 200, body: { ok: true } });
    // Durable: in the inbox, not folded yet.
    expect(
      await getDb().callEvent.count({ where: { tenantId, callExternalId: "ack-first" } }),
    ).toBe(1);
    expect(await callOf("ack-first")).toBeNull();
    configureLivePath({ foldDelayMs: 0 });
    expect(await settleLivePath()).toBe(true);
    expect(await callOf("ack-first")).toMatchObject({ state: "RINGING", foldVersion: 1 });
    expect(await unprocessed()).toBe(0);
  });

  it("folds what a crashed process stored but never folded, into calls it had half written", async () => {
    // A call the previous process folded up to its ringing, then died after storing its end.
    const [start, delivered, answered, ended] = answeredCall("crashed-mid-call");
    await send(start ?? "");
    await send(delivered ?? "");
    expect(await settleLivePath()).toBe(true);
    resetLivePath(); // the new process knows nothing in memory
    const orphans = [answered, ended, ...missedCall("crashed-new")].flatMap((raw) => {
      const parsed = parseNotification(raw ?? "");
      return parsed.ok && "notification" in parsed
        ? [{ raw: raw ?? "", n: parsed.notification }]
        : [];
    });
    for (const { raw, n } of orphans) {
      await getPool().query(
        `INSERT INTO call_events (id, tenant_id, notification_id, type, occurred_at, payload, call_external_id)
         VALUES (gen_random_uuid(), $1::uuid, $2, $3, $4, $5::jsonb, $6)`,
        [tenantId, n.id, n.type, n.occurredAt, raw, "callId" in n.data ? n.data.callId : null],
      );
    }
    expect(await unprocessed()).toBe(orphans.length);
    expect(await recoverUnfolded(0)).toBe(orphans.length);
    expect(await settleLivePath()).toBe(true);
    expect(await unprocessed()).toBe(0);
    // The crashed call keeps what was folded before (the ringing) and gains the answer's end.
    expect(await callOf("crashed-mid-call")).toMatchObject({
      state: "ENDED",
      result: "ANSWERED",
      managerId,
    });
    expect(await callOf("crashed-new")).toMatchObject({ state: "ENDED", result: "MISSED" });
    // One callback task for the new missed call, however often it is folded.
    expect(await recoverUnfolded(0)).toBe(0);
    const tasks = await getDb().task.count({ where: { tenantId, phone: "+79005550001" } });
    expect(tasks).toBe(1);
  });

  it("folds again when another instance wrote the call meanwhile, keeping both instances' events", async () => {
    const [start, delivered, answered, ended] = answeredCall("two-instances");
    await send(start ?? "");
    expect(await settleLivePath()).toBe(true);
    // Instance B stores the ringing and writes the call (its fold over both events, version 2).
    const parsed = [start, delivered].map((raw) => parseNotification(raw ?? ""));
    const events = parsed.flatMap((p) =>
      p.ok && "notification" in p && p.notification.type !== "settingsChanged"
        ? [p.notification]
        : [],
    );
    const other = events[1];
    if (!other) throw new Error("no event");
    await getPool().query(
      `INSERT INTO call_events (id, tenant_id, notification_id, type, occurred_at, payload, call_external_id, processed_at)
       VALUES (gen_random_uuid(), $1::uuid, $2, $3, $4, $5::jsonb, 'two-instances', now())`,
      [tenantId, other.id, other.type, other.occurredAt, delivered],
    );
    const folded = foldCallEvents(events);
    await getPool().query(
      `UPDATE calls SET state = $3::"CallState", ringing_at = $4, fold_version = fold_version + 1
       WHERE tenant_id = $1::uuid AND external_id = $2`,
      [tenantId, "two-instances", folded.state, folded.ringingAt],
    );
    // This instance's lane still thinks version 1: its next write loses, reads and folds again.
    await send(answered ?? "");
    expect(await settleLivePath()).toBe(true);
    const call = await callOf("two-instances");
    expect(call).toMatchObject({ state: "TALKING", foldVersion: 3 });
    await send(ended ?? "");
    expect(await settleLivePath()).toBe(true);
    expect(await callOf("two-instances")).toMatchObject({
      state: "ENDED",
      result: "ANSWERED",
      talkSec: 60,
    });
  });

  it("sheds past its backlog with Retry-After, takes a parked call's start even then, and recovers", async () => {
    configureLivePath({ foldDelayMs: 1_000, maxBacklog: 3 });
    try {
      const answers = [];
      for (let i = 0; i < 5; i++) {
        const [start] = missedCall(`shed-${i}`);
        answers.push(await send(start ?? ""));
      }
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 503, 503]);
      expect(answers[3]).toEqual({ status: 503, body: { error: "overloaded" }, retryAfterSec: 1 });
      expect(await getDb().callEvent.count({ where: { tenantId, callExternalId: "shed-3" } })).toBe(
        0,
      );
      const parked = body("callStarted", 0, {
        callId: "shed-parked",
        direction: "incoming",
        from: "+79005550009",
        to: "+74951234567",
        parked: true,
      });
      expect((await send(parked)).status).toBe(200);
      configureLivePath({ foldDelayMs: 0 });
      expect(await settleLivePath()).toBe(true);
      // The PBX resends what was shed: now it is taken.
      const [again] = missedCall("shed-3");
      expect((await send(again ?? "")).status).toBe(200);
      expect(livePathStats().backlog).toBeLessThanOrEqual(1);
    } finally {
      configureLivePath({ foldDelayMs: 0, maxBacklog: 20_000 });
      await settleLivePath();
    }
  });

  it("keeps the managers panel from the fold equal to what SQL computes", async () => {
    for (const raw of [...answeredCall("panel-1"), ...missedCall("panel-2", "+79005550003")])
      await send(raw);
    // A call still ringing: the manager is busy.
    await send(
      body("callStarted", 500, {
        callId: "panel-3",
        direction: "incoming",
        from: "+79005550004",
        to: "+74951234567",
        parked: false,
      }),
    );
    await send(body("callDelivered", 501, { callId: "panel-3", workplaceId: "wp-1" }));
    expect(await settleLivePath()).toBe(true);
    const [kept] = (await panelStatuses(tenantId)).filter((s) => s.id === managerId);
    const [computed] = await getManagerStatuses(tenantId, [managerId]);
    expect(kept).toEqual(computed);
    expect(kept).toMatchObject({ activity: "ringing" });
    expect(kept?.today.answered).toBeGreaterThanOrEqual(1);
  });
});
