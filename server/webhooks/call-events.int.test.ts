// Call events from the live path to a receiver on 127.0.0.1: the fold queues them with its
// COMMIT (only for companies with an enabled endpoint), the webhook worker builds and delivers
// them, and a receiver can order a call's events by their sequence number.
import { createHmac, randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settleLivePath } from "@/server/calls/live-path";
import { getDb } from "@/server/db";
import { ensureIntegration, saveCredentials } from "@/server/integrations/integration";
import { receiveNotification } from "@/server/integrations/notifications";
import { startJobWorker, type JobWorker } from "@/server/jobs/worker";
import { readBody, startTestServer, type TestServer } from "@/server/mtt/test-fetch";
import { actorOf } from "@/server/testing/actors";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { closeTask } from "@/server/tasks/tasks";
import { createWebhookEndpoint } from "@/server/webhooks/endpoints";
import { webhookJobHandlers } from "@/server/webhooks/jobs";
import { assignClients } from "@/server/clients/assignments";

const pbxSecret = "webhook-calls-secret-123";
let fixture: TenantFixture | undefined;
let tenantId = "";
let key = "";
let secret = "";
let receiver: TestServer;
let worker: JobWorker | undefined;
const received: Array<{ headers: Record<string, string>; body: string }> = [];

type Event = {
  id: string;
  type: string;
  timestamp: string;
  data: {
    sequence?: number;
    call?: Record<string, unknown> & { id: string };
    task?: Record<string, unknown>;
    workplaceId?: string;
    manager?: { email: string } | null;
  } & Record<string, unknown>;
};
const events = () => received.map((r) => JSON.parse(r.body) as Event);

const t0 = Date.now() - 600_000;
const at = (sec: number) => new Date(t0 + sec * 1000).toISOString();
const body = (type: string, sec: number, data: Record<string, unknown>) =>
  JSON.stringify({ id: randomUUID(), type, occurredAt: at(sec), data });

async function send(raw: string) {
  const answer = await receiveNotification({
    notificationKey: key,
    rawBody: raw,
    signature: `sha256=${createHmac("sha256", pbxSecret).update(raw).digest("hex")}`,
    contentType: "application/json",
  });
  expect(answer.status).toBe(200);
}

async function until<T>(check: () => T | Promise<T>, ms = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const emitJobs = () => getDb().job.count({ where: { tenantId, queue: "webhooks.emit" } });

beforeAll(async () => {
  fixture = await setUpTenant();
  tenantId = fixture.tenantId;
  key = (await ensureIntegration(tenantId)).notificationKey;
  await saveCredentials(actorOf(tenantId, fixture.adminId), {
    clientId: "pult",
    clientSecret: pbxSecret,
    signNotifications: true,
  });
  const workplace = await getDb().workplace.create({
    data: { tenantId, externalId: "wp-1", name: "Продажи" },
  });
  await getDb().user.create({
    data: {
      tenantId,
      email: "olga@acme.test",
      name: "Ольга Иванова",
      role: "MANAGER",
      status: "ACTIVE",
      workplaceId: workplace.id,
    },
  });
  receiver = await startTestServer((req, res) => {
    void readBody(req).then((text) => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, String(v)]),
      );
      received.push({ headers, body: text });
      return res.writeHead(204).end();
    });
  });
});

afterAll(async () => {
  await worker?.stop();
  await receiver?.close();
  await fixture?.teardown();
});

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

describe("call events as webhooks", () => {
  it("queues nothing for a company without an enabled endpoint", async () => {
    for (const raw of answeredCall("no-hooks")) await send(raw);
    expect(await settleLivePath()).toBe(true);
    expect(await emitJobs()).toBe(0);
  });

  it("delivers started, ringing, answered and ended in sequence order, signed", async () => {
    const created = await createWebhookEndpoint(actorOf(tenantId, fixture?.adminId ?? null), {
      url: `${receiver.url}/crm`,
      description: "",
      events: [
        "call.started",
        "call.ringing",
        "call.answered",
        "call.ended",
        "task.created",
        "task.closed",
        "client.assigned",
      ],
      isEnabled: true,
    });
    secret = created.secret;
    worker = startJobWorker({ handlers: webhookJobHandlers, pollMs: 50 });

    // One event per fold, so each write is its own version.
    for (const raw of answeredCall("with-hooks")) {
      await send(raw);
      await settleLivePath();
    }
    await until(() => events().filter((e) => e.type.startsWith("call.")).length >= 4);
    const call = events().filter((e) => e.type.startsWith("call."));
    // Delivered by concurrent workers: the sequence, not the arrival, gives the order.
    const ordered = [...call].sort((a, b) => (a.data.sequence ?? 0) - (b.data.sequence ?? 0));
    expect(ordered.map((e) => e.type)).toEqual([
      "call.started",
      "call.ringing",
      "call.answered",
      "call.ended",
    ]);
    expect(new Set(call.map((e) => e.data.call?.id)).size).toBe(1);
    const ringing = ordered[1];
    expect(ringing?.data).toMatchObject({
      workplaceId: "wp-1",
      manager: { email: "olga@acme.test", name: "Ольга Иванова", workplaceId: "wp-1" },
    });
    expect(ordered[3]?.data.call).toMatchObject({
      callId: "with-hooks",
      direction: "in",
      state: "ended",
      result: "answered",
      durationSec: 64,
      waitSec: 4,
      talkSec: 60,
      manager: { email: "olga@acme.test" },
    });
    expect(ordered[0]?.timestamp).toBe(at(0));
    for (const r of received)
      expect(() => new Webhook(secret).verify(r.body, r.headers)).not.toThrow();
  });

  it("a missed call's callback task is created, closed by hand, and a client assigned", async () => {
    received.length = 0;
    for (const raw of [
      body("callStarted", 100, {
        callId: "missed-1",
        direction: "incoming",
        from: "+79005550009",
        to: "+74951234567",
        parked: false,
      }),
      body("callEnded", 110, {
        callId: "missed-1",
        result: "missed",
        durationSec: 10,
        talkSec: 0,
        hasRecording: false,
      }),
    ])
      await send(raw);
    await settleLivePath();
    const created = await until(() => events().find((e) => e.type === "task.created"));
    expect(created.data.task).toMatchObject({
      kind: "callback",
      status: "open",
      phone: "+79005550009",
    });
    const taskId = String(created.data.task?.id);

    await closeTask(actorOf(tenantId, fixture?.adminId ?? null), { taskId, status: "DONE" });
    const closed = await until(() => events().find((e) => e.type === "task.closed"));
    expect(closed.data.task).toMatchObject({ id: taskId, status: "done" });

    const olga = await getDb().user.findFirstOrThrow({ where: { email: "olga@acme.test" } });
    const client = await getDb().client.create({
      data: {
        tenantId,
        name: "ООО Ромашка",
        phones: { create: [{ tenantId, e164: "+79005550010" }] },
      },
    });
    await assignClients(actorOf(tenantId, fixture?.adminId ?? null), {
      clientIds: [client.id],
      toManagerId: olga.id,
      restoreAt: null,
      reason: null,
    });
    const assigned = await until(() => events().find((e) => e.type === "client.assigned"));
    expect(assigned.data).toMatchObject({
      client: { id: client.id, name: "ООО Ромашка", phones: ["+79005550010"] },
      manager: { email: "olga@acme.test" },
      previousManager: null,
      until: null,
    });
  });
});
