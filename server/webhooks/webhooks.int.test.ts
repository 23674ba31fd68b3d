// Outgoing webhooks against a real receiver on 127.0.0.1: Standard Webhooks signatures that
// verify with the documented method, retries of 500s and timeouts with the same webhook-id and
// backoff, resend, an endpoint disabled after 24 h of failures, and refused private targets.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getConfig, setConfig } from "@/server/config";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { readBody, startTestServer, type TestServer } from "@/server/mtt/test-fetch";
import { actorOf } from "@/server/testing/actors";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { attemptDelivery } from "@/server/webhooks/deliver";
import { resendWebhookDelivery, sendWebhookTest } from "@/server/webhooks/deliveries";
import { createWebhookEndpoint, updateWebhookEndpoint } from "@/server/webhooks/endpoints";
import { requeueStuckDeliveries } from "@/server/webhooks/jobs";

type Received = { headers: Record<string, string>; body: string };

let fixture: TenantFixture | undefined;
let receiver: TestServer;
let received: Received[] = [];
// What the receiver does with the next requests (shifted per request; then 200).
let script: Array<"500" | "hang" | "200" | "302"> = [];

const actor = () => actorOf(fixture?.tenantId ?? "", fixture?.adminId ?? "");
const allowPrivate = (allow: boolean) => setConfig({ ...getConfig(), webhookAllowPrivate: allow });

function answer(req: IncomingMessage, res: ServerResponse, body: string) {
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : (v ?? "")]),
  );
  received.push({ headers, body });
  const next = script.shift() ?? "200";
  if (next === "hang") return;
  if (next === "302") return void res.writeHead(302, { location: "http://127.0.0.1:1/" }).end();
  res.writeHead(next === "500" ? 500 : 200, { "content-type": "text/plain" });
  res.end(next === "500" ? "receiver broke" : "ok");
}

/** The documented check (docs/crm-integration.md), with node:crypto only. */
function verifyByHand(secret: string, r: Received): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signed = `${r.headers["webhook-id"]}.${r.headers["webhook-timestamp"]}.${r.body}`;
  const expected = createHmac("sha256", key).update(signed).digest();
  return (r.headers["webhook-signature"] ?? "").split(" ").some((part) => {
    const [version, signature] = part.split(",");
    const given = Buffer.from(signature ?? "", "base64");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

const delivery = (id: string) => getDb().webhookDelivery.findUniqueOrThrow({ where: { id } });
// The next attempt is due: what the wait of the backoff would do.
const makeDue = (id: string) =>
  getDb().webhookDelivery.update({ where: { id }, data: { nextAttemptAt: new Date() } });

async function endpoint(events: string[] = ["call.ended"]) {
  const created = await createWebhookEndpoint(actor(), {
    url: `${receiver.url}/hooks`,
    description: "CRM",
    events: events as ["call.ended"],
    isEnabled: true,
  });
  return created;
}

beforeAll(async () => {
  fixture = await setUpTenant();
  receiver = await startTestServer((req, res) => {
    void readBody(req).then((body) => answer(req, res, body));
  });
});

afterAll(async () => {
  await receiver?.close();
  await fixture?.teardown();
});

beforeEach(() => {
  received = [];
  script = [];
  allowPrivate(true);
});

describe("outgoing webhooks", () => {
  it("signs per Standard Webhooks: the library and the documented HMAC both verify", async () => {
    const { endpoint: created, secret } = await endpoint();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const stored = await getDb().webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.secretEnc).not.toContain(secret.slice(6));

    const { deliveryId } = await sendWebhookTest(actor(), created.id);
    expect(await attemptDelivery(deliveryId)).toBe("succeeded");
    expect(received).toHaveLength(1);
    const [r] = received;
    if (!r) throw new Error("nothing received");
    expect(r.headers["webhook-id"]).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(Math.abs(Number(r.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(10);
    expect(verifyByHand(secret, r)).toBe(true);
    expect(new Webhook(secret).verify(r.body, r.headers)).toMatchObject({ type: "webhook.test" });
    expect(verifyByHand(`whsec_${Buffer.alloc(32).toString("base64")}`, r)).toBe(false);
    const body = JSON.parse(r.body) as { id: string; version: number; data: unknown };
    expect(body).toMatchObject({ id: r.headers["webhook-id"], version: 1 });

    const row = await delivery(deliveryId);
    expect(row).toMatchObject({ status: "SUCCEEDED", attempts: 1, lastStatusCode: 200 });
    expect(row.lastLatencyMs).toBeGreaterThanOrEqual(0);
    expect(row.responseBody).toBe("ok");
  });

  it("retries a 500, a timeout and a redirect with the same webhook-id, backing off", async () => {
    const { endpoint: created, secret } = await endpoint();
    const { deliveryId } = await sendWebhookTest(actor(), created.id);
    script = ["500", "hang", "302", "200"];

    const before = Date.now();
    expect(await attemptDelivery(deliveryId)).toBe("retrying");
    let row = await delivery(deliveryId);
    expect(row).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: 500 });
    expect(row.responseBody).toBe("receiver broke");
    // 5 s ± 10 % after the failure, and a job waiting for then.
    const wait = (row.nextAttemptAt?.getTime() ?? 0) - before;
    expect(wait).toBeGreaterThan(4_000);
    expect(wait).toBeLessThan(7_000);
    const job = await getDb().job.findFirstOrThrow({
      where: { queue: "webhooks.deliver", uniqueKey: `webhook-delivery:${deliveryId}:1` },
    });
    expect(job.runAt.getTime()).toBe(row.nextAttemptAt?.getTime());
    // Not due yet: a duplicate wake-up does nothing.
    expect(await attemptDelivery(deliveryId)).toBe("skipped");

    await makeDue(deliveryId);
    expect(await attemptDelivery(deliveryId, { timeoutMs: 300 })).toBe("retrying");
    row = await delivery(deliveryId);
    expect(row).toMatchObject({ attempts: 2, lastStatusCode: null });
    expect(row.lastError).toMatch(/within 300 ms/);
    // The second wait is four times the first (20 s ± 10 %).
    const secondWait = (row.nextAttemptAt?.getTime() ?? 0) - (row.lastAttemptAt?.getTime() ?? 0);
    expect(secondWait).toBeGreaterThan(17_000);

    await makeDue(deliveryId);
    expect(await attemptDelivery(deliveryId)).toBe("retrying");
    expect((await delivery(deliveryId)).lastError).toMatch(/redirects are not followed/);

    await makeDue(deliveryId);
    expect(await attemptDelivery(deliveryId)).toBe("succeeded");
    expect(received).toHaveLength(4);
    const ids = new Set(received.map((r) => r.headers["webhook-id"]));
    expect(ids.size).toBe(1);
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    for (const r of received) expect(verifyByHand(secret, r)).toBe(true);
    row = await delivery(deliveryId);
    expect(row).toMatchObject({ status: "SUCCEEDED", attempts: 4 });
    expect(row.attemptLog).toHaveLength(4);
    // Success clears the failure clock.
    const after = await getDb().webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect(after.failingSince).toBeNull();
  });

  it("gives up 24 h after the first attempt, and resend tries again with the same id", async () => {
    const { endpoint: created } = await endpoint();
    const { deliveryId } = await sendWebhookTest(actor(), created.id);
    await getDb().webhookDelivery.update({
      where: { id: deliveryId },
      data: { windowStart: new Date(Date.now() - 25 * 3600_000) },
    });
    script = ["500"];
    expect(await attemptDelivery(deliveryId)).toBe("failed");
    expect(await delivery(deliveryId)).toMatchObject({ status: "FAILED", nextAttemptAt: null });

    await resendWebhookDelivery(actor(), deliveryId);
    expect(await delivery(deliveryId)).toMatchObject({ status: "PENDING" });
    expect(await attemptDelivery(deliveryId)).toBe("succeeded");
    expect(received.map((r) => r.headers["webhook-id"])).toEqual([
      received[0]?.headers["webhook-id"],
      received[0]?.headers["webhook-id"],
    ]);
    const audit = await getDb().auditLog.count({
      where: { tenantId: fixture?.tenantId, action: "webhook.resend", targetId: deliveryId },
    });
    expect(audit).toBe(1);
  });

  it("disables an endpoint that has failed for 24 h, and says why", async () => {
    const { endpoint: created } = await endpoint();
    const { deliveryId } = await sendWebhookTest(actor(), created.id);
    script = ["500"];
    expect(await attemptDelivery(deliveryId)).toBe("retrying");
    let stored = await getDb().webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.isEnabled).toBe(true);
    expect(stored.failingSince).not.toBeNull();

    await getDb().webhookEndpoint.update({
      where: { id: created.id },
      data: { failingSince: new Date(Date.now() - 24 * 3600_000 - 1000) },
    });
    await makeDue(deliveryId);
    script = ["500"];
    await attemptDelivery(deliveryId);
    stored = await getDb().webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored).toMatchObject({ isEnabled: false, disabledReason: "failing" });
    // Its pending retry stops there, without a request.
    await makeDue(deliveryId);
    const hits = received.length;
    expect(await attemptDelivery(deliveryId)).toBe("failed");
    expect(received).toHaveLength(hits);
    expect((await delivery(deliveryId)).lastError).toBe("The endpoint is disabled");
    await expect(resendWebhookDelivery(actor(), deliveryId)).rejects.toThrow(AppError);
  });

  it("sends again a delivery whose worker died mid-request, with the same id", async () => {
    const { endpoint: created } = await endpoint();
    const { deliveryId } = await sendWebhookTest(actor(), created.id);
    // As a worker that died after claiming it leaves it.
    await getDb().webhookDelivery.update({
      where: { id: deliveryId },
      data: { status: "SENDING", lockedUntil: new Date(Date.now() - 1000) },
    });
    await getDb().job.deleteMany({ where: { queue: "webhooks.deliver" } });
    expect(await requeueStuckDeliveries()).toBeGreaterThanOrEqual(1);
    const job = await getDb().job.findFirstOrThrow({
      where: { queue: "webhooks.deliver", payload: { equals: { deliveryId } } },
    });
    expect(job.status).toBe("QUEUED");
    expect(await attemptDelivery(deliveryId)).toBe("succeeded");
    expect(received).toHaveLength(1);
  });

  it("refuses private and loopback targets unless the configuration allows them", async () => {
    const { endpoint: created } = await endpoint();
    allowPrivate(false);
    for (const url of [
      `${receiver.url}/hooks`,
      "http://localhost:9/x",
      "http://10.0.0.8/x",
      "http://[::1]:9/x",
      "http://169.254.169.254/latest",
    ]) {
      const refusal = await createWebhookEndpoint(actor(), {
        url,
        description: "",
        events: ["call.ended"],
        isEnabled: true,
      }).catch((error: unknown) => error);
      expect(refusal, url).toBeInstanceOf(AppError);
      expect((refusal as AppError).details).toEqual({ fieldErrors: { url: ["private_url"] } });
    }
    await expect(
      updateWebhookEndpoint(actor(), {
        endpointId: created.id,
        url: "http://127.0.0.2:9/x",
        description: "",
        events: ["call.ended"],
      }),
    ).rejects.toThrow(AppError);

    // Saved while allowed, sent after the policy changed: refused at connection time, no retry.
    const { deliveryId } = await sendWebhookTest(actor(), created.id);
    expect(await attemptDelivery(deliveryId)).toBe("failed");
    expect(received).toHaveLength(0);
    const row = await delivery(deliveryId);
    expect(row.lastError).toMatch(/not a public address/);
  });
});
