import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/session-user";
import { getDb } from "@/server/db";
import { ensureIntegration, saveCredentials } from "@/server/integrations/integration";
import { receiveNotification } from "@/server/integrations/notifications";
import { settleLivePath } from "@/server/calls/live-path";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { getLiveState, setPresence } from "@/server/calls/live";
import { userActor } from "@/server/policy/actor";
import { actorOf } from "@/server/testing/actors";

const secret = "ingest-secret-123456";
let fixture: TenantFixture | undefined;
let key = "";
let tenantId = "";
let manager: SessionUser;
let otherManager: SessionUser;
let admin: SessionUser;
let clientId = "";

const t0 = Date.now() - 120_000;
const iso = (sec: number) => new Date(t0 + sec * 1000).toISOString();

function envelope(type: string, sec: number, data: Record<string, unknown>) {
  return JSON.stringify({ id: randomUUID(), type, occurredAt: iso(sec), data });
}

async function deliver(body: string) {
  const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  const result = await receiveNotification({
    notificationKey: key,
    rawBody: body,
    signature,
    contentType: "application/json",
  });
  expect(result.status).toBe(200);
  // Acknowledged once durable; the call is folded right after.
  expect(await settleLivePath()).toBe(true);
}

function incomingCall(callId: string) {
  return [
    envelope("callStarted", 0, {
      callId,
      direction: "incoming",
      from: "+79001112233",
      to: "+74951234567",
      parked: true,
    }),
    envelope("callDelivered", 1, { callId, workplaceId: "wp-1" }),
    envelope("callAnswered", 5, { callId, workplaceId: "wp-1", party: "workplace" }),
    envelope("callEnded", 65, {
      callId,
      result: "answered",
      durationSec: 65,
      talkSec: 60,
      hasRecording: true,
    }),
  ];
}

const callOf = (externalId: string) =>
  getDb().call.findUniqueOrThrow({
    where: { tenantId_externalId: { tenantId, externalId } },
    select: {
      direction: true,
      fromNumber: true,
      toNumber: true,
      state: true,
      result: true,
      startedAt: true,
      ringingAt: true,
      answeredAt: true,
      endedAt: true,
      talkSec: true,
      managerId: true,
      clientId: true,
      isClickToCall: true,
      hasRecording: true,
    },
  });

async function sessionUser(
  email: string,
  role: "MANAGER" | "ADMIN",
  workplaceId?: string,
): Promise<SessionUser> {
  const user = await getDb().user.upsert({
    where: { tenantId_email: { tenantId, email } },
    create: {
      tenantId,
      email,
      name: email.split("@")[0] ?? email,
      role,
      status: "ACTIVE",
      workplaceId: workplaceId ?? null,
    },
    update: {},
    select: { id: true, email: true, name: true, role: true, tenantId: true },
  });
  return { ...user, locale: null };
}

beforeAll(async () => {
  fixture = await setUpTenant();
  tenantId = fixture.tenantId;
  key = (await ensureIntegration(tenantId)).notificationKey;
  await saveCredentials(actorOf(tenantId, fixture.adminId), {
    clientId: "pult",
    clientSecret: secret,
    signNotifications: true,
  });
  const workplace = await getDb().workplace.create({
    data: { tenantId, externalId: "wp-1", name: "Продажи 1" },
  });
  await getDb().workplace.create({ data: { tenantId, externalId: "wp-2", name: "Продажи 2" } });
  manager = await sessionUser("maria@acme.test", "MANAGER", workplace.id);
  otherManager = await sessionUser("ivan@acme.test", "MANAGER");
  admin = await sessionUser("admin@acme.test", "ADMIN");
  const client = await getDb().client.create({
    data: {
      tenantId,
      name: "Анна Клиентова",
      phones: { create: { tenantId, e164: "+79001112233" } },
    },
  });
  clientId = client.id;
});

afterAll(async () => {
  await fixture?.teardown();
});

describe("call ingest", () => {
  it("reaches the same final state whatever the arrival order, attributing manager and client", async () => {
    const orders = [
      [0, 1, 2, 3],
      [3, 2, 1, 0],
      [2, 0, 3, 1],
      [1, 3, 0, 2],
    ];
    const finals = [];
    for (const [n, order] of orders.entries()) {
      const events = incomingCall(`order-${n}`);
      for (const index of order) await deliver(events[index] ?? "");
      finals.push(await callOf(`order-${n}`));
    }
    expect(finals[0]).toMatchObject({
      direction: "IN",
      fromNumber: "+79001112233",
      state: "ENDED",
      result: "ANSWERED",
      talkSec: 60,
      managerId: manager.id,
      clientId,
      hasRecording: true,
    });
    for (const final of finals) expect(final).toEqual(finals[0]);
  });

  it("reaches the same final state when a call's events arrive all at once", async () => {
    // Each event waits for the call row's lock, then must see every event committed before it:
    // reading them in the snapshot taken before the lock was granted lost the earlier ones.
    for (const body of incomingCall("one-by-one")) await deliver(body);
    const reference = await callOf("one-by-one");
    const ids = Array.from({ length: 12 }, (_, n) => `together-${n}`);
    await Promise.all(ids.flatMap((id) => incomingCall(id).map((body) => deliver(body))));
    for (const id of ids) expect(await callOf(id)).toEqual(reference);
  });

  it("ignores redeliveries: one inbox row, unchanged call", async () => {
    const events = incomingCall("dup-1");
    for (const body of [...events, ...events]) await deliver(body);
    expect(
      await getDb().callEvent.count({ where: { tenantId, call: { externalId: "dup-1" } } }),
    ).toBe(4);
    expect((await callOf("dup-1")).state).toBe("ENDED");
  });

  it("keeps click-to-call's two legs as one outgoing call", async () => {
    const callId = "c2c-1";
    await deliver(
      envelope("callStarted", 0, {
        callId,
        direction: "outgoing",
        from: "+74951234567",
        to: "+79001112233",
        workplaceId: "wp-1",
      }),
    );
    await deliver(envelope("callAnswered", 3, { callId, workplaceId: "wp-1", party: "workplace" }));
    expect(await callOf(callId)).toMatchObject({
      state: "RINGING",
      answeredAt: null,
      isClickToCall: true,
      clientId,
    });
    await deliver(envelope("callAnswered", 9, { callId, workplaceId: "wp-1", party: "remote" }));
    await deliver(
      envelope("callEnded", 30, {
        callId,
        result: "answered",
        durationSec: 30,
        talkSec: 21,
        hasRecording: false,
      }),
    );
    expect(await callOf(callId)).toMatchObject({
      direction: "OUT",
      state: "ENDED",
      result: "ANSWERED",
      talkSec: 21,
    });
    expect(await getDb().call.count({ where: { tenantId, externalId: callId } })).toBe(1);
  });

  it("shows live calls to supervisors and to the manager they ring at, not to other managers", async () => {
    const callId = `live-${randomUUID()}`;
    const now = (Date.now() - t0) / 1000;
    await deliver(
      envelope("callStarted", now - 2, {
        callId,
        direction: "incoming",
        from: "+79005550000",
        to: "+74951234567",
        parked: false,
      }),
    );
    await deliver(envelope("callDelivered", now - 1, { callId, workplaceId: "wp-1" }));
    const mine = await getLiveState(userActor(manager, null));
    expect(mine.calls.map((c) => c.externalId)).toContain(callId);
    expect(mine.calls.find((c) => c.externalId === callId)).toMatchObject({
      state: "RINGING",
      workplace: { name: "Продажи 1" },
      client: null,
    });
    expect(
      (await getLiveState(userActor(otherManager, null))).calls.map((c) => c.externalId),
    ).not.toContain(callId);
    const all = await getLiveState(userActor(admin, null));
    expect(all.calls.map((c) => c.externalId)).toContain(callId);
    expect(all.managers.find((m) => m.id === manager.id)).toMatchObject({ activity: "ringing" });
    // An admin is not in the managers list, but still sees and sets their own status.
    expect(all.myPresence).toBe("OFFLINE");
    await setPresence(userActor(admin, null), "BREAK");
    expect((await getLiveState(userActor(admin, null))).myPresence).toBe("BREAK");
  });
});
