import { createHmac } from "node:crypto";
import { expect } from "vitest";
import { POST } from "@/app/api/mtt/[key]/route";
import { settleLivePath } from "@/server/calls/live-path";
import { getDb } from "@/server/db";
import { ensureIntegration, saveCredentials } from "@/server/integrations/integration";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { actorOf } from "@/server/testing/actors";

// POST /api/mtt/<key> through the route handler, and what it changed in the database: the
// harness of the notification fuzz test.

export const CLIENT_SECRET = "fuzz-secret-0123456789";
let key = "";

/** A tenant with a signing integration; unknown callers get client cards (auto-create on). */
export async function setUpEndpoint(): Promise<TenantFixture & { key: string }> {
  const fixture = await setUpTenant();
  const { tenantId } = fixture;
  key = (await ensureIntegration(tenantId)).notificationKey;
  await saveCredentials(actorOf(tenantId, fixture.adminId), {
    clientId: "pult",
    clientSecret: CLIENT_SECRET,
    signNotifications: true,
  });
  await getDb().tenant.update({
    where: { id: tenantId },
    data: { settings: { autoCreateClients: true } },
  });
  return { ...fixture, key };
}

export const sign = (body: string | Uint8Array, secret = CLIENT_SECRET) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

export type Delivery = {
  body: BodyInit | null;
  signature?: string | null;
  contentType?: string | null;
  contentLength?: string;
  key?: string;
};

export async function deliver(d: Delivery) {
  const headers = new Headers();
  if (d.signature) headers.set("x-mtt-signature", d.signature);
  if (d.contentType !== null) headers.set("content-type", d.contentType ?? "application/json");
  if (d.contentLength !== undefined) headers.set("content-length", d.contentLength);
  const init: RequestInit & { duplex?: "half" } = { method: "POST", headers, body: d.body };
  if (d.body instanceof ReadableStream) init.duplex = "half";
  const request = new Request("http://localhost/api/mtt/x", init);
  const response = await POST(request, { params: Promise.resolve({ key: d.key ?? key }) });
  const json = (await response.json()) as Record<string, unknown>;
  // Acknowledged once durable; what it changes is folded right after.
  if (!(await settleLivePath())) throw new Error("the live path did not settle");
  return { status: response.status, json };
}

export type Counts = {
  events: number;
  calls: number;
  rejected: number;
  clients: number;
  phones: number;
  tasks: number;
  recordings: number;
  files: number;
  jobs: number;
};

export async function counts(): Promise<Counts> {
  const [row] = await getDb().$queryRaw<Counts[]>`
    SELECT (SELECT count(*) FROM call_events)::int AS events,
           (SELECT count(*) FROM calls)::int AS calls,
           (SELECT count(*) FROM rejected_notifications)::int AS rejected,
           (SELECT count(*) FROM clients)::int AS clients,
           (SELECT count(*) FROM client_phones)::int AS phones,
           (SELECT count(*) FROM tasks)::int AS tasks,
           (SELECT count(*) FROM recordings)::int AS recordings,
           (SELECT count(*) FROM recording_files)::int AS files,
           (SELECT count(*) FROM jobs)::int AS jobs`;
  if (!row) throw new Error("no counts");
  return row;
}

export const isStored = (json: Record<string, unknown>) =>
  json.ok === true && json.duplicate === undefined && json.ignored === undefined;

/**
 * Delivers and checks the endpoint's contract: the answer is 2xx or 4xx; a stored notification
 * adds one event; anything else changes nothing but the rejected log (one row per 400).
 */
export async function checkDelivery(d: Delivery) {
  const before = await counts();
  const { status, json } = await deliver(d);
  expect(status >= 200 && status < 500, `HTTP ${status} ${JSON.stringify(json)}`).toBe(true);
  const after = await counts();
  if (status === 200 && isStored(json)) {
    expect(after.events).toBe(before.events + 1);
    expect(after.rejected).toBe(before.rejected);
  } else {
    expect(after).toEqual({ ...before, rejected: before.rejected + (status === 400 ? 1 : 0) });
  }
  if (status === 400) expect(String(json.reason).length).toBeGreaterThan(3);
  return { status, json };
}
