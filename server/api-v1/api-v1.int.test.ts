/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-explicit-any -- responses are JSON read by the assertions; call() checks each against its documented schema */
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as callsRoute from "@/app/api/v1/calls/route";
import * as clientRoute from "@/app/api/v1/clients/[id]/route";
import * as clientsRoute from "@/app/api/v1/clients/route";
import * as managersRoute from "@/app/api/v1/managers/route";
import * as openApiRoute from "@/app/api/v1/openapi.json/route";
import * as recordingRoute from "@/app/api/v1/recordings/[id]/route";
import * as reportRoute from "@/app/api/v1/reports/managers/route";
import { createApiKey, revokeApiKey } from "@/server/api-keys/api-keys";
import { createCaller } from "@/server/api/root";
import { getDb } from "@/server/db";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { setApiRateLimiter, TokenBucketLimiter } from "@/server/api-v1/rate-limit";
import {
  apiClientSchema,
  callsResponse,
  clientsResponse,
  errorResponse,
  managerReportResponse,
  managersResponse,
} from "@/server/api-v1/schemas";
import { actorOf } from "@/server/testing/actors";

// Every JSON answer must match the schema the OpenAPI document publishes for it.
function assertDocumented(path: string, method: string, status: number, body: unknown): void {
  if (status >= 400) {
    errorResponse.parse(body);
    return;
  }
  const route = path.split("?")[0] ?? "";
  if (route === "/api/v1/managers") managersResponse.parse(body);
  else if (route === "/api/v1/calls") callsResponse.parse(body);
  else if (route === "/api/v1/clients" && method === "GET") clientsResponse.parse(body);
  else if (route.startsWith("/api/v1/clients")) apiClientSchema.parse(body);
  else if (route === "/api/v1/reports/managers") managerReportResponse.parse(body);
}

let fixture: TenantFixture | undefined;
let tenantA = "";
let tenantB = "";
let keyA = "";
let keyAId = "";
let keyB = "";
let ivanId = "";
let clientAId = "";

const BASE = "http://localhost:3000";
type Handler<P> = (request: Request, ctx: { params: Promise<P> }) => Promise<Response>;

async function call<P = Record<string, never>>(
  handler: Handler<P>,
  path: string,
  opts: {
    key?: string | null;
    method?: string;
    body?: unknown;
    params?: P;
    headers?: Record<string, string>;
  } = {},
) {
  const headers = new Headers(opts.headers);
  if (opts.key) headers.set("authorization", `Bearer ${opts.key}`);
  if (opts.body !== undefined) headers.set("content-type", "application/json");
  const request = new Request(`${BASE}${path}`, {
    method: opts.method ?? "GET",
    headers,
    body:
      opts.body === undefined
        ? undefined
        : typeof opts.body === "string"
          ? opts.body
          : JSON.stringify(opts.body),
  });
  const response = await handler(request, { params: Promise.resolve(opts.params ?? ({} as P)) });
  const text = await response.text();
  const json: any = text ? JSON.parse(text) : null;
  if (response.headers.get("content-type")?.startsWith("application/json"))
    assertDocumented(path, opts.method ?? "GET", response.status, json);
  return {
    status: response.status,
    headers: response.headers,
    json,
  };
}

const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  fixture = await setUpTenant();
  tenantA = fixture.tenantId;
  const db = getDb();
  const wp = await db.workplace.create({
    data: { tenantId: tenantA, externalId: "pbx-wp-101", name: "Desk 101" },
  });
  const wp2 = await db.workplace.create({
    data: { tenantId: tenantA, externalId: "pbx-wp-102", name: "Desk 102" },
  });
  const ivan = await db.user.create({
    data: {
      tenantId: tenantA,
      email: "ivan@acme.test",
      name: "Ivan Petrov",
      role: "MANAGER",
      status: "ACTIVE",
      workplaceId: wp.id,
      presence: "AVAILABLE",
    },
  });
  ivanId = ivan.id;
  await db.user.create({
    data: {
      tenantId: tenantA,
      email: "olga@acme.test",
      name: "Olga Ivanova",
      role: "MANAGER",
      status: "ACTIVE",
      workplaceId: wp2.id,
      presence: "BREAK",
    },
  });
  await db.user.create({
    data: {
      tenantId: tenantA,
      email: "gone@acme.test",
      name: "Gone",
      role: "MANAGER",
      status: "DISABLED",
    },
  });
  const other = await db.tenant.create({ data: { name: "Other Co" }, select: { id: true } });
  tenantB = other.id;
  const otherAdmin = await db.user.create({
    data: {
      tenantId: tenantB,
      email: "admin@other.test",
      name: "Other Admin",
      role: "ADMIN",
      status: "ACTIVE",
    },
  });
  await db.user.create({
    data: {
      tenantId: tenantB,
      email: "boris@other.test",
      name: "Boris",
      role: "MANAGER",
      status: "ACTIVE",
    },
  });
  const a = await createApiKey(actorOf(tenantA, fixture.adminId), { name: "CRM", expiresAt: null });
  keyA = a.key;
  keyAId = a.apiKey.id;
  keyB = (await createApiKey(actorOf(tenantB, otherAdmin.id), { name: "B", expiresAt: null })).key;
});

afterAll(async () => {
  await fixture?.teardown();
});

afterEach(() => setApiRateLimiter(undefined));

describe("authentication", () => {
  it("401 with a JSON error and WWW-Authenticate for a missing, malformed or unknown key", async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: "Basic dXNlcjpwYXNz" },
      { authorization: `Bearer pult_${"x".repeat(43)}` },
    ]) {
      const res = await call(managersRoute.GET, "/api/v1/managers", { headers });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe("UNAUTHENTICATED");
      expect(typeof res.json.error.message).toBe("string");
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
  });

  it("401 for a revoked key, from the very next request", async () => {
    const { key, apiKey } = await createApiKey(actorOf(tenantA, fixture!.adminId), {
      name: "temp",
      expiresAt: null,
    });
    expect((await call(managersRoute.GET, "/api/v1/managers", { key })).status).toBe(200);
    await revokeApiKey(actorOf(tenantA, fixture!.adminId), apiKey.id);
    const res = await call(managersRoute.GET, "/api/v1/managers", { key });
    expect(res.status).toBe(401);
    expect(res.json.error.message).toMatch(/revoked/);
  });

  it("401 for an expired key", async () => {
    const { key, apiKey } = await createApiKey(actorOf(tenantA, fixture!.adminId), {
      name: "short-lived",
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect((await call(managersRoute.GET, "/api/v1/managers", { key })).status).toBe(200);
    await getDb().apiKey.update({
      where: { id: apiKey.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const res = await call(managersRoute.GET, "/api/v1/managers", { key });
    expect(res.status).toBe(401);
    expect(res.json.error.message).toMatch(/expired/);
  });

  it("records last use without writing on every request", async () => {
    const { key, apiKey } = await createApiKey(actorOf(tenantA, fixture!.adminId), {
      name: "touch",
      expiresAt: null,
    });
    await call(managersRoute.GET, "/api/v1/managers", { key });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const first = await getDb().apiKey.findUniqueOrThrow({
      where: { id: apiKey.id },
      select: { lastUsedAt: true },
    });
    expect(first.lastUsedAt).not.toBeNull();
    await call(managersRoute.GET, "/api/v1/managers", { key });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await getDb().apiKey.findUniqueOrThrow({
      where: { id: apiKey.id },
      select: { lastUsedAt: true },
    });
    expect(second.lastUsedAt?.getTime()).toBe(first.lastUsedAt?.getTime());
  });

  it("429 with Retry-After once the key's bucket is empty", async () => {
    setApiRateLimiter(new TokenBucketLimiter({ capacity: 2, refillPerSec: 0.01 }));
    expect((await call(managersRoute.GET, "/api/v1/managers", { key: keyA })).status).toBe(200);
    expect((await call(managersRoute.GET, "/api/v1/managers", { key: keyA })).status).toBe(200);
    const limited = await call(managersRoute.GET, "/api/v1/managers", { key: keyA });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another key has its own bucket.
    expect((await call(managersRoute.GET, "/api/v1/managers", { key: keyB })).status).toBe(200);
  });

  it("serves the OpenAPI document without a key", async () => {
    const res = await call(
      openApiRoute.GET as unknown as Handler<Record<string, never>>,
      "/api/v1/openapi.json",
    );
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe("3.1.0");
    expect(Object.keys(res.json.paths)).toContain("/api/v1/clients");
  });
});

describe("clients", () => {
  it("creates a client with a personal manager by email and normalised phones (201)", async () => {
    const res = await call(clientsRoute.POST, "/api/v1/clients", {
      key: keyA,
      method: "POST",
      body: {
        name: "ООО Ромашка",
        company: "Romashka",
        phones: ["8 (916) 123-45-67"],
        managerEmail: "IVAN@acme.test",
      },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      name: "ООО Ромашка",
      company: "Romashka",
      phones: ["+79161234567"],
      managerEmail: "ivan@acme.test",
      isArchived: false,
    });
    clientAId = res.json.id;
    const row = await getDb().client.findUniqueOrThrow({
      where: { id: clientAId },
      select: { tenantId: true, personalManagerId: true },
    });
    expect(row).toEqual({ tenantId: tenantA, personalManagerId: ivanId });
    const audit = await getDb().auditLog.findMany({
      where: { tenantId: tenantA, targetId: clientAId },
      select: { action: true, actorApiKeyId: true },
    });
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.find((a) => a.action === "client.create")?.actorApiKeyId).toBe(keyAId);
  });

  it("409 with the other client's id when a phone is taken", async () => {
    const res = await call(clientsRoute.POST, "/api/v1/clients", {
      key: keyA,
      method: "POST",
      body: { name: "Copycat", phones: ["+7 916 123 45 67"] },
    });
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({
      code: "CONFLICT",
      details: { clientId: clientAId, phone: "+79161234567" },
    });
  });

  it("400 with field details for invalid bodies; 415, 413 and bad JSON too", async () => {
    const invalid = await call(clientsRoute.POST, "/api/v1/clients", {
      key: keyA,
      method: "POST",
      body: { name: " ", phones: ["call me"], managerEmail: "not-an-email", extra: 1 },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.code).toBe("VALIDATION");
    expect(Object.keys(invalid.json.error.details.fields)).toEqual(
      expect.arrayContaining(["managerEmail"]),
    );

    const domain = await call(clientsRoute.POST, "/api/v1/clients", {
      key: keyA,
      method: "POST",
      body: { name: " ", phones: ["call me"] },
    });
    expect(domain.status).toBe(400);
    expect(domain.json.error.details.fields).toMatchObject({
      name: ["required"],
      "phones.0": ["phone_letters"],
    });

    const unknownManager = await call(clientsRoute.POST, "/api/v1/clients", {
      key: keyA,
      method: "POST",
      body: { name: "X", phones: [], managerEmail: "boris@other.test" },
    });
    expect(unknownManager.status).toBe(400);
    expect(unknownManager.json.error.details.fields).toEqual({ managerEmail: ["unknown_manager"] });

    const badJson = await call(clientsRoute.POST, "/api/v1/clients", {
      key: keyA,
      method: "POST",
      body: "{name:",
    });
    expect(badJson.status).toBe(400);
    expect(badJson.json.error.code).toBe("VALIDATION");

    const notJson = await call(clientsRoute.POST, "/api/v1/clients", {
      key: keyA,
      method: "POST",
      headers: { "content-type": "text/plain" },
    });
    expect(notJson.status).toBe(415);

    const huge = await call(clientsRoute.POST, "/api/v1/clients", {
      key: keyA,
      method: "POST",
      body: { name: "x", notes: "a".repeat(70_000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("lists, searches, reads and patches", async () => {
    const list = await call(clientsRoute.GET, "/api/v1/clients?q=9161234", { key: keyA });
    expect(list.status).toBe(200);
    expect(list.json.clients.map((c: { id: string }) => c.id)).toEqual([clientAId]);

    const one = await call(clientRoute.GET, `/api/v1/clients/${clientAId}`, {
      key: keyA,
      params: { id: clientAId },
    });
    expect(one.json.id).toBe(clientAId);

    const patched = await call(clientRoute.PATCH, `/api/v1/clients/${clientAId}`, {
      key: keyA,
      method: "PATCH",
      params: { id: clientAId },
      body: {
        company: "Romashka LLC",
        managerEmail: "olga@acme.test",
        phones: ["+79161234567", "84951112233"],
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({
      name: "ООО Ромашка",
      company: "Romashka LLC",
      managerEmail: "olga@acme.test",
      phones: ["+79161234567", "+74951112233"],
    });
    const badPatch = await call(clientRoute.PATCH, `/api/v1/clients/${clientAId}`, {
      key: keyA,
      method: "PATCH",
      params: { id: clientAId },
      body: {},
    });
    expect(badPatch.status).toBe(400);
    const missing = await call(clientRoute.GET, `/api/v1/clients/${randomUUID()}`, {
      key: keyA,
      params: { id: randomUUID() },
    });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("NOT_FOUND");
  });

  it("paginates with a cursor", async () => {
    for (const name of ["Alpha", "Beta", "Gamma"]) {
      const res = await call(clientsRoute.POST, "/api/v1/clients", {
        key: keyA,
        method: "POST",
        body: { name, phones: [] },
      });
      expect(res.status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof call>> = await call(
        clientsRoute.GET,
        `/api/v1/clients?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        { key: keyA },
      );
      expect(page.status).toBe(200);
      seen.push(...page.json.clients.map((c: { name: string }) => c.name));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["Alpha", "Beta", "Gamma", "ООО Ромашка"]);
    expect((await call(clientsRoute.GET, "/api/v1/clients?limit=1000", { key: keyA })).status).toBe(
      400,
    );
  });
});

describe("managers", () => {
  it("lists active managers with the PBX workplace id and a live status", async () => {
    await getDb().call.create({
      data: {
        tenantId: tenantA,
        externalId: `live-${randomUUID()}`,
        direction: "IN",
        fromNumber: "+79160000001",
        toNumber: "+74950000000",
        state: "TALKING",
        startedAt: new Date(Date.now() - 30_000),
        answeredAt: new Date(Date.now() - 20_000),
        managerId: ivanId,
        lastEventAt: new Date(),
      },
    });
    const res = await call(managersRoute.GET, "/api/v1/managers", { key: keyA });
    expect(res.status).toBe(200);
    expect(res.json.managers).toEqual([
      {
        email: "ivan@acme.test",
        name: "Ivan Petrov",
        workplaceId: "pbx-wp-101",
        status: "on_call",
      },
      { email: "olga@acme.test", name: "Olga Ivanova", workplaceId: "pbx-wp-102", status: "break" },
    ]);
  });
});

describe("calls", () => {
  const callIds: string[] = [];
  beforeAll(async () => {
    const db = getDb();
    const base = at("2026-03-01T09:00:00Z").getTime();
    // Two calls share a start time, so the (startedAt, id) order matters.
    const starts = [0, 60_000, 60_000, 120_000, 180_000].map((d) => new Date(base + d));
    for (const [i, startedAt] of starts.entries()) {
      const row = await db.call.create({
        data: {
          tenantId: tenantA,
          externalId: `pbx-call-${i}`,
          direction: i === 4 ? "OUT" : "IN",
          fromNumber: "+79161234567",
          toNumber: "+74950000000",
          state: "ENDED",
          result: i === 1 ? "MISSED" : "ANSWERED",
          startedAt,
          answeredAt: i === 1 ? null : new Date(startedAt.getTime() + 5000),
          endedAt: new Date(startedAt.getTime() + 65_000),
          talkSec: i === 1 ? 0 : 60,
          managerId: i === 1 ? null : ivanId,
          clientId: clientAId,
          lastEventAt: startedAt,
        },
        select: { id: true },
      });
      callIds.push(row.id);
    }
    const wp = await db.workplace.findFirstOrThrow({
      where: { tenantId: tenantA, externalId: "pbx-wp-101" },
    });
    await db.routingDecision.create({
      data: {
        tenantId: tenantA,
        callId: callIds[0]!,
        outcome: "TRANSFER_WORKPLACE",
        targetWorkplaceId: wp.id,
        explanation: ["personal manager Ivan Petrov — available"],
        decidedInMs: 3,
      },
    });
    await db.recording.create({
      data: {
        tenantId: tenantA,
        callId: callIds[0]!,
        externalId: "rec-0",
        status: "PENDING",
        files: {
          create: [
            {
              tenantId: tenantA,
              index: 0,
              sourceUrl: "https://pbx.example/rec-0.mp3",
              format: "mp3",
              durationSec: 58,
            },
          ],
        },
      },
    });
    // A transfer leg is folded into its parent; another company's call never shows.
    await db.call.create({
      data: {
        tenantId: tenantA,
        externalId: "pbx-leg",
        direction: "IN",
        fromNumber: "+79161234567",
        toNumber: "+74950000000",
        state: "ENDED",
        startedAt: new Date(base + 1000),
        parentCallId: callIds[0]!,
        lastEventAt: new Date(base),
      },
    });
    await db.call.create({
      data: {
        tenantId: tenantB,
        externalId: "other-call",
        direction: "IN",
        fromNumber: "+79169999999",
        toNumber: "+74951111111",
        state: "ENDED",
        startedAt: new Date(base + 30_000),
        lastEventAt: new Date(base),
      },
    });
  });

  it("pages calls since a time in (startedAt, id) order with the routing decision and recordings", async () => {
    const seen: Array<{ callId: string; id: string }> = [];
    const pages: number[] = [];
    let cursor: string | null = null;
    do {
      const res: Awaited<ReturnType<typeof call>> = await call(
        callsRoute.GET,
        `/api/v1/calls?since=2026-03-01T09:00:00Z&until=2026-03-02T00:00:00Z&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        { key: keyA },
      );
      expect(res.status).toBe(200);
      pages.push(res.json.calls.length);
      seen.push(...res.json.calls);
      cursor = res.json.nextCursor;
    } while (cursor);
    expect(pages).toEqual([2, 2, 1]);
    expect(seen.map((c) => c.callId)).toHaveLength(5);
    expect(new Set(seen.map((c) => c.id)).size).toBe(5);
    const sameStart = [callIds[1]!, callIds[2]!].sort();
    expect(seen.slice(1, 3).map((c) => c.id)).toEqual(sameStart);
    const first = seen[0] as unknown as Record<string, unknown>;
    expect(first).toMatchObject({
      callId: "pbx-call-0",
      id: callIds[0],
      direction: "in",
      from: "+79161234567",
      result: "answered",
      talkSec: 60,
      managerEmail: "ivan@acme.test",
      clientId: clientAId,
      routing: {
        outcome: "transfer_workplace",
        target: "pbx-wp-101",
        explanation: ["personal manager Ivan Petrov — available"],
        ruleId: null,
      },
      recordings: [{ status: "pending", durationSec: 58, format: "mp3" }],
    });
    expect(seen.find((c) => c.callId === "pbx-call-1")).toMatchObject({
      result: "missed",
      managerEmail: null,
      routing: null,
      recordings: [],
    });

    const later = await call(
      callsRoute.GET,
      "/api/v1/calls?since=2026-03-01T09:02:00Z&until=2026-03-02T00:00:00Z",
      {
        key: keyA,
      },
    );
    expect(later.json.calls.map((c: { callId: string }) => c.callId)).toEqual([
      "pbx-call-3",
      "pbx-call-4",
    ]);
  });

  it("400 for a missing or bad since, a bad cursor or a limit above 500", async () => {
    for (const query of [
      "",
      "?since=yesterday",
      "?since=2026-03-01T09:00:00Z&limit=501",
      "?since=2026-03-01T09:00:00Z&cursor=zzz",
      "?since=2026-03-02T00:00:00Z&until=2026-03-01T00:00:00Z",
    ]) {
      const res = await call(callsRoute.GET, `/api/v1/calls${query}`, { key: keyA });
      expect(res.status, query).toBe(400);
      expect(res.json.error.code).toBe("VALIDATION");
      expect(res.json.error.details.fields).toBeTypeOf("object");
    }
  });

  it("recording errors keep the API's error shape; other companies get 404", async () => {
    const recording = await getDb().recording.findFirstOrThrow({
      where: { tenantId: tenantA },
      select: { id: true },
    });
    const pending = await call(recordingRoute.GET, `/api/v1/recordings/${recording.id}`, {
      key: keyA,
      params: { id: recording.id },
    });
    expect(pending.status).toBe(409);
    expect(pending.json.error.code).toBe("CONFLICT");
    const foreign = await call(recordingRoute.GET, `/api/v1/recordings/${recording.id}`, {
      key: keyB,
      params: { id: recording.id },
    });
    expect(foreign.status).toBe(404);
    expect(foreign.json.error.code).toBe("NOT_FOUND");
  });
});

describe("tenant isolation", () => {
  it("tenant B's key sees nothing of tenant A", async () => {
    const clients = await call(clientsRoute.GET, "/api/v1/clients", { key: keyB });
    expect(clients.json.clients).toEqual([]);
    const byId = await call(clientRoute.GET, `/api/v1/clients/${clientAId}`, {
      key: keyB,
      params: { id: clientAId },
    });
    expect(byId.status).toBe(404);
    const patch = await call(clientRoute.PATCH, `/api/v1/clients/${clientAId}`, {
      key: keyB,
      method: "PATCH",
      params: { id: clientAId },
      body: { name: "hijacked" },
    });
    expect(patch.status).toBe(404);
    const calls = await call(callsRoute.GET, "/api/v1/calls?since=2020-01-01T00:00:00Z", {
      key: keyB,
    });
    expect(calls.json.calls.map((c: { callId: string }) => c.callId)).toEqual(["other-call"]);
    const managers = await call(managersRoute.GET, "/api/v1/managers", { key: keyB });
    expect(managers.json.managers.map((m: { email: string }) => m.email)).toEqual([
      "boris@other.test",
    ]);
    // Tenant B may use the same phone number for its own client.
    const created = await call(clientsRoute.POST, "/api/v1/clients", {
      key: keyB,
      method: "POST",
      body: { name: "B's client", phones: ["+79161234567"] },
    });
    expect(created.status).toBe(201);
    const reportB = await call(
      reportRoute.GET,
      "/api/v1/reports/managers?from=2026-03-01&to=2026-03-01",
      { key: keyB },
    );
    expect(reportB.json.managers.map((m: { email: string | null }) => m.email)).not.toContain(
      "ivan@acme.test",
    );
  });
});

describe("reports", () => {
  it("answers the per-manager report for a period, and 400 for a reversed one", async () => {
    const res = await call(
      reportRoute.GET,
      "/api/v1/reports/managers?from=2026-03-01&to=2026-03-01",
      { key: keyA },
    );
    expect(res.status).toBe(200);
    const ivan = res.json.managers.find(
      (m: { email: string | null }) => m.email === "ivan@acme.test",
    );
    expect(ivan).toMatchObject({
      name: "Ivan Petrov",
      incoming: 3,
      outgoing: 1,
      answered: 3,
      talkSec: 240,
    });
    expect(Object.keys(ivan).sort()).toEqual(
      [
        "answerRate",
        "answered",
        "avgAnswerSec",
        "callbackRate",
        "email",
        "incoming",
        "missed",
        "name",
        "outgoing",
        "serviceLevel",
        "talkSec",
      ].sort(),
    );
    const reversed = await call(
      reportRoute.GET,
      "/api/v1/reports/managers?from=2026-03-02&to=2026-03-01",
      { key: keyA },
    );
    expect(reversed.status).toBe(400);
    expect(reversed.json.error.details.fields).toEqual({ to: ["to_before_from"] });
  });
});

describe("apiKeys procedures", () => {
  const session = async (email: string) => {
    const user = await getDb().user.findFirstOrThrow({
      where: { email },
      select: { id: true, email: true, name: true, role: true, tenantId: true },
    });
    return createCaller({ user: { ...user, locale: null }, ip: "203.0.113.7" });
  };

  it("lets admins create, list and revoke; the list never carries the key or its hash", async () => {
    const admin = await session("admin@acme.test");
    const { key, apiKey } = await admin.apiKeys.create({ name: "  BI tool  ", expiresAt: null });
    expect(apiKey.name).toBe("BI tool");
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    const list = await admin.apiKeys.list();
    expect(Object.keys(list[0] ?? {}).sort()).toEqual([
      "createdAt",
      "createdBy",
      "expiresAt",
      "id",
      "lastUsedAt",
      "name",
      "prefix",
      "revokedAt",
    ]);
    expect(JSON.stringify(list)).not.toContain(key);
    expect(JSON.stringify(list)).not.toContain("keyHash");
    expect(list.find((k) => k.id === apiKey.id)?.createdBy?.email).toBe("admin@acme.test");
    // Another company's keys are not listed and cannot be revoked from here.
    const otherKey = await getDb().apiKey.findFirstOrThrow({ where: { tenantId: tenantB } });
    expect(list.some((k) => k.id === otherKey.id)).toBe(false);
    await expect(admin.apiKeys.revoke({ apiKeyId: otherKey.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await admin.apiKeys.revoke({ apiKeyId: apiKey.id });
    await expect(admin.apiKeys.revoke({ apiKeyId: apiKey.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const audit = await getDb().auditLog.findMany({
      where: { tenantId: tenantA, targetId: apiKey.id },
      select: { action: true, actorUserId: true, ip: true },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["api_key.create", "api_key.revoke"]);
    expect(audit.every((a) => a.actorUserId === fixture?.adminId && a.ip === "203.0.113.7")).toBe(
      true,
    );
  });

  it("refuses managers and past expiry dates", async () => {
    const manager = await session("ivan@acme.test");
    await expect(manager.apiKeys.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(manager.apiKeys.create({ name: "mine", expiresAt: null })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const admin = await session("admin@acme.test");
    await expect(
      admin.apiKeys.create({ name: "old", expiresAt: new Date(Date.now() - 86_400_000) }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
