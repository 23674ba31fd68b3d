import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { closeDatabase, getDb, initDatabase } from "@/server/db";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { ensureIntegration, saveCredentials } from "@/server/integrations/integration";
import { configureLivePath, settleLivePath } from "@/server/calls/live-path";
import { forgetNotificationKeys, receiveNotification } from "@/server/integrations/notifications";
import { listRejectedNotifications } from "@/server/integrations/rejected";
import { actorOf } from "@/server/testing/actors";

const clientSecret = "notification-secret-123";
let fixture: TenantFixture | undefined;
let tenantId = "";
let key = "";

const sign = (body: string, secret = clientSecret) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
const event = (type: string, data: Record<string, unknown>, id = randomUUID()) =>
  JSON.stringify({ id, type, occurredAt: new Date().toISOString(), data });

async function deliver(
  rawBody: string,
  signature: string | null = sign(rawBody),
  notificationKey = key,
) {
  const result = await receiveNotification({
    notificationKey,
    rawBody,
    signature,
    contentType: "application/json",
  });
  // Acknowledged once durable; what it changes is folded right after.
  expect(await settleLivePath()).toBe(true);
  return result;
}

beforeAll(async () => {
  fixture = await setUpTenant();
  tenantId = fixture.tenantId;
  key = (await ensureIntegration(tenantId)).notificationKey;
  await saveCredentials(actorOf(tenantId, fixture.adminId), {
    clientId: "pult",
    clientSecret,
    signNotifications: true,
  });
});

afterAll(async () => {
  await fixture?.teardown();
});

beforeEach(async () => {
  await getDb().callEvent.deleteMany();
  await getDb().rejectedNotification.deleteMany();
});

const started = (callId = "c-1") =>
  event("callStarted", {
    callId,
    direction: "incoming",
    from: "+79001234567",
    to: "+74951234567",
    parked: true,
  });

describe("PBX notification endpoint", () => {
  it("stores a signed event once; a redelivery is acknowledged without a second row", async () => {
    const body = started();
    await expect(deliver(body)).resolves.toEqual({ status: 200, body: { ok: true } });
    await expect(deliver(body)).resolves.toEqual({
      status: 200,
      body: { ok: true, duplicate: true },
    });
    expect(await getDb().callEvent.count({ where: { tenantId } })).toBe(1);
    const integration = await getDb().mttIntegration.findUniqueOrThrow({ where: { tenantId } });
    expect(integration.lastNotificationAt).not.toBeNull();
  });

  it("refuses a wrong or missing signature and an unknown key, storing nothing", async () => {
    const body = started();
    expect((await deliver(body, sign(body, "another-secret"))).status).toBe(401);
    expect((await deliver(body, null)).status).toBe(401);
    expect((await deliver(body, "sha256=zz")).status).toBe(401);
    expect((await deliver(body, sign(body), "no-such-key")).status).toBe(404);
    expect(await getDb().callEvent.count()).toBe(0);
    expect(await getDb().rejectedNotification.count()).toBe(0);
  });

  it("rejects malformed input with a reason and keeps it for admins", async () => {
    for (const body of [
      "{not json",
      JSON.stringify({
        id: "x",
        type: "callStarted",
        occurredAt: "2026-01-01T00:00:00Z",
        data: {},
      }),
    ]) {
      const result = await deliver(body);
      expect(result.status).toBe(400);
      expect(result.body).toMatchObject({ error: "malformed" });
      expect("reason" in result.body && result.body.reason.length).toBeGreaterThan(3);
    }
    expect(await getDb().callEvent.count()).toBe(0);
    const rejected = await getDb().rejectedNotification.findMany({ where: { tenantId } });
    expect(rejected).toHaveLength(2);
    expect(rejected.map((r) => r.rawBody)).toContain("{not json");
    const listed = await listRejectedNotifications(tenantId);
    expect(listed).toHaveLength(2);
    expect(listed.map((r) => r.excerpt)).toContain("{not json");
    expect(listed.every((r) => r.reason.length > 3)).toBe(true);
  });

  it("refuses an oversized body without storing anything", async () => {
    const body = event("callStarted", {
      callId: "big",
      direction: "incoming",
      from: "+79001234567",
      to: "+74951234567",
      parked: false,
      padding: "x".repeat(300 * 1024),
    });
    const result = await deliver(body);
    expect(result).toEqual({ status: 413, body: { error: "too_large", limitBytes: 256 * 1024 } });
    expect(await getDb().callEvent.count()).toBe(0);
    expect(await getDb().rejectedNotification.count()).toBe(0);
  });

  it("answers 503 while the database is down, and the PBX's redelivery is stored once after", async () => {
    const body = started();
    const url = fixture?.databaseUrl ?? "";
    await closeDatabase();
    initDatabase("postgresql://postgres@127.0.0.1:1/unreachable");
    try {
      await expect(deliver(body)).resolves.toEqual({ status: 503, body: { error: "unavailable" } });
    } finally {
      await closeDatabase();
      initDatabase(url);
    }
    await expect(deliver(body)).resolves.toEqual({ status: 200, body: { ok: true } });
    await expect(deliver(body)).resolves.toEqual({
      status: 200,
      body: { ok: true, duplicate: true },
    });
    expect(await getDb().callEvent.count({ where: { tenantId } })).toBe(1);
  });

  it("accepts and ignores an event type it does not know", async () => {
    const body = event("somethingNew", { foo: 1 });
    await expect(deliver(body)).resolves.toEqual({
      status: 200,
      body: { ok: true, ignored: true },
    });
    expect(await getDb().callEvent.count()).toBe(0);
  });

  it("queues a structure sync on settingsChanged", async () => {
    await deliver(event("settingsChanged", { sections: ["workplaces"] }));
    // Queued right after the notification is stored, not before the PBX's 2xx: wait for it
    // (it raced the check under load).
    const job = await vi.waitFor(
      async () => {
        const found = await getDb().job.findUnique({
          where: { uniqueKey: `directory.sync:${tenantId}` },
        });
        if (!found) throw new Error("no structure sync queued yet");
        return found;
      },
      { timeout: 5_000, interval: 50 },
    );
    expect(job.status).toBe("QUEUED");
  });
});

// Issue 15, hole 12: a request is known to be from the PBX (key, signature, schema) before it can
// take any part of the live path's capacity, and only a parsed parked callStarted is urgent.
describe("hostile requests to the notification endpoint", () => {
  it("remembers an unknown key briefly: junk to made-up keys costs one lookup per key", async () => {
    const made = `made-up-${randomUUID()}`;
    expect((await deliver(event("callEnded", { callId: "x" }), null, made)).status).toBe(404);
    // The key appears in the database right after (as an attacker cannot make happen): the
    // endpoint still answers from what it remembered, until its cache is told or expires.
    await getDb().mttIntegration.update({ where: { tenantId }, data: { notificationKey: made } });
    try {
      expect((await deliver(event("callEnded", { callId: "x" }), null, made)).status).toBe(404);
      forgetNotificationKeys();
      const body = started("c-hole-12");
      expect((await deliver(body, sign(body), made)).status).toBe(200);
    } finally {
      await getDb().mttIntegration.update({ where: { tenantId }, data: { notificationKey: key } });
      forgetNotificationKeys();
    }
  });

  it("does not let a body that only mentions parking jump past a full live path", async () => {
    configureLivePath({ maxBacklog: 0 });
    try {
      // Looks urgent to a glance at the text, but is not a parked callStarted.
      const pretender = event("callDelivered", {
        callId: "c-pretend",
        workplaceId: "wp-1",
        note: '"type":"callStarted","parked":true',
      });
      expect(await deliver(pretender)).toEqual({
        status: 503,
        body: { error: "overloaded" },
        retryAfterSec: 1,
      });
      // Unsigned, it is refused before anything else, and never stored.
      const forged = started("c-forged");
      expect((await deliver(forged, null)).status).toBe(401);
      // The real parked start still gets in.
      expect((await deliver(started("c-real"))).status).toBe(200);
      expect(
        (
          await getDb().callEvent.findMany({
            where: { tenantId },
            select: { callExternalId: true },
          })
        ).map((e) => e.callExternalId),
      ).toEqual(["c-real"]);
    } finally {
      configureLivePath({ maxBacklog: 20_000 });
    }
  });
});
