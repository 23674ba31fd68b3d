import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDatabase, getDb, initDatabase } from "../db";
import { setUpTenant, type TenantFixture } from "../testing/tenant-fixture";
import { ensureIntegration, saveCredentials } from "./integration";
import { settleLivePath } from "../calls/live-path";
import { receiveNotification } from "./notifications";
import { listRejectedNotifications } from "./rejected";

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
  await saveCredentials(
    { tenantId, actorId: fixture.adminId },
    { clientId: "pult", clientSecret, signNotifications: true },
  );
});

afterAll(async () => {
  await fixture?.teardown();
});

beforeEach(async () => {
  await getDb().callEvent.deleteMany();
  await getDb().rejectedNotification.deleteMany();
});

describe("PBX notification endpoint", () => {
  const started = () =>
    event("callStarted", {
      callId: "c-1",
      direction: "incoming",
      from: "+79001234567",
      to: "+74951234567",
      parked: true,
    });

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
    const job = await getDb().job.findUnique({
      where: { uniqueKey: `directory.sync:${tenantId}` },
    });
    expect(job?.status).toBe("QUEUED");
  });
});
