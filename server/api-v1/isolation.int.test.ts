// Tenant isolation of the public API and the recording URLs. Every route file under
// app/api/v1 is found on disk and every method it exports must be classified here, so a new
// route fails this suite until it is. Tenant A's key must get nothing of tenant B: refusals are
// 404, lists answer exactly what they answered before B existed, and B's rows stay unchanged.
import { readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { createLocalStore, setObjectStore } from "@/server/storage/object-store";
import {
  streamRecordingForApiKey,
  streamRecordingForUser,
  type Viewer,
} from "@/server/testing/recording-route";
import { reportPeriod } from "@/server/testing/isolation-cases";
import { leakedMarkers, snapshotTenant } from "@/server/testing/tenant-snapshot";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { seedTenantWorld, type TenantWorld } from "@/server/testing/tenant-world";

type Handler = (
  request: Request,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;
type Route = { key: string; handler: Handler };
type Req = { url: string; params?: Record<string, string>; body?: unknown };
type Foreign = Req & { status: number; check?: (json: unknown) => void };
type RouteSpec = {
  isPublic?: true;
  own?: (a: TenantWorld) => Req[];
  foreign?: (a: TenantWorld, b: TenantWorld) => Foreign[];
};

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;
const V1_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");
const since = "?since=2020-01-01T00:00:00Z&limit=500";
const emptyClients = (json: unknown) =>
  expect((json as { clients: unknown[] }).clients).toEqual([]);

const routeSpecs: Record<string, RouteSpec> = {
  "GET /api/v1/openapi.json": { isPublic: true, own: () => [{ url: "/api/v1/openapi.json" }] },
  "GET /api/v1/managers": { own: () => [{ url: "/api/v1/managers" }] },
  "GET /api/v1/calls": { own: () => [{ url: `/api/v1/calls${since}` }] },
  "GET /api/v1/reports/managers": {
    own: () => {
      const { from, to } = reportPeriod();
      return [{ url: `/api/v1/reports/managers?from=${from}&to=${to}` }];
    },
  },
  "GET /api/v1/reports/quality": {
    own: () => {
      const { from, to } = reportPeriod();
      return [{ url: `/api/v1/reports/quality?from=${from}&to=${to}` }];
    },
  },
  "GET /api/v1/clients": {
    own: () => [{ url: "/api/v1/clients?limit=100" }],
    foreign: (_a, b) => [
      {
        url: `/api/v1/clients?q=${encodeURIComponent(b.phones.manager)}`,
        status: 200,
        check: emptyClients,
      },
      {
        url: `/api/v1/clients?q=${encodeURIComponent(`${b.label} Client`)}`,
        status: 200,
        check: emptyClients,
      },
      {
        url: `/api/v1/clients?q=${encodeURIComponent(b.manager.email)}`,
        status: 200,
        check: emptyClients,
      },
      { url: `/api/v1/clients?cursor=${b.clients.manager}`, status: 400 },
    ],
  },
  "POST /api/v1/clients": {
    foreign: (_a, b) => [
      {
        url: "/api/v1/clients",
        body: { name: "Poached", managerEmail: b.manager.email },
        status: 400,
      },
      // B's numbers are free in A: A's client may have one, and B's client is never named.
      {
        url: "/api/v1/clients",
        body: { name: "Alpha Same Number", phones: [b.phones.manager] },
        status: 201,
      },
    ],
  },
  "POST /api/v1/calls": {
    foreign: (_a, b) => [
      {
        url: "/api/v1/calls",
        body: { managerEmail: b.manager.email, to: "+79001234567" },
        status: 404,
      },
    ],
  },
  "GET /api/v1/clients/{id}": {
    foreign: (_a, b) => [
      {
        url: `/api/v1/clients/${b.clients.manager}`,
        params: { id: b.clients.manager },
        status: 404,
      },
    ],
  },
  "PATCH /api/v1/clients/{id}": {
    foreign: (a, b) => [
      {
        url: `/api/v1/clients/${b.clients.manager}`,
        params: { id: b.clients.manager },
        body: { name: "Hijacked" },
        status: 404,
      },
      {
        url: `/api/v1/clients/${a.clients.manager}`,
        params: { id: a.clients.manager },
        body: { managerEmail: b.manager.email },
        status: 400,
      },
    ],
  },
  "GET /api/v1/recordings/{id}": {
    foreign: (_a, b) => [
      {
        url: `/api/v1/recordings/${b.recordings.ready}`,
        params: { id: b.recordings.ready },
        status: 404,
      },
    ],
  },
  "HEAD /api/v1/recordings/{id}": {
    foreign: (_a, b) => [
      {
        url: `/api/v1/recordings/${b.recordings.ready}`,
        params: { id: b.recordings.ready },
        status: 404,
      },
    ],
  },
};

function findRouteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findRouteFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

async function loadRoutes(): Promise<Route[]> {
  const routes: Route[] = [];
  for (const file of findRouteFiles(V1_DIR)) {
    const url = `/api/v1/${path.relative(V1_DIR, path.dirname(file))}`.replace(
      /\[(\w+)\]/g,
      "{$1}",
    );
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS) {
      const handler = mod[method];
      if (typeof handler === "function")
        routes.push({ key: `${method} ${url}`, handler: handler as Handler });
    }
  }
  return routes;
}

let fixture: TenantFixture | undefined;
let a: TenantWorld;
let b: TenantWorld;
let routes: Route[] = [];
let bBefore: Record<string, string[]>;
const answersBeforeB = new Map<string, string>();
const counted = { routes: 0, unauthenticated: 0, own: 0, foreign: 0 };
// Today: 10 route methods, 36 key refusals, 5 own requests, 11 with B's ids. Far fewer means
// the suite checks next to nothing (routeSpecs emptied, own/foreign cases dropped).
const MIN = { routes: 8, unauthenticated: 28, own: 4, foreign: 9 };

async function send(route: Route, req: Req, key: string | null) {
  const [method] = route.key.split(" ");
  const headers = new Headers();
  if (key) headers.set("authorization", `Bearer ${key}`);
  if (req.body !== undefined) headers.set("content-type", "application/json");
  const response = await route.handler(
    new Request(`http://localhost:3000${req.url}`, {
      method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
    }),
    { params: Promise.resolve(req.params ?? {}) },
  );
  const text = method === "HEAD" ? "" : await response.text();
  return { status: response.status, text };
}

const routeOf = (key: string): Route => {
  const route = routes.find((r) => r.key === key);
  if (!route) throw new Error(`no route ${key}`);
  return route;
};

beforeAll(async () => {
  routes = await loadRoutes();
  fixture = await setUpTenant();
  a = await seedTenantWorld({
    label: "Alpha",
    digit: 1,
    parkTimeouts: 1,
    existing: { tenantId: fixture.tenantId, adminId: fixture.adminId },
  });
  for (const [key, spec] of Object.entries(routeSpecs)) {
    for (const req of spec.own?.(a) ?? [])
      answersBeforeB.set(
        `${key} ${req.url}`,
        JSON.stringify(await send(routeOf(key), req, a.apiKey.key)),
      );
  }
  b = await seedTenantWorld({ label: "Bravo", digit: 2, parkTimeouts: 2 });
  bBefore = await snapshotTenant(b.tenantId);
}, 180_000);

afterAll(async () => {
  console.info(
    `/api/v1 isolation: ${counted.routes} route methods; ${counted.unauthenticated} key refusals, ` +
      `${counted.own} own requests, ${counted.foreign} requests with B's ids`,
  );
  await fixture?.teardown();
});

describe("/api/v1 tenant isolation", () => {
  it("classifies every method of every route under app/api/v1", () => {
    const keys = routes.map((r) => r.key).sort();
    expect(keys.filter((k) => !(k in routeSpecs))).toEqual([]);
    expect(Object.keys(routeSpecs).filter((k) => !keys.includes(k))).toEqual([]);
    counted.routes = keys.length;
    expect(counted.routes).toBeGreaterThanOrEqual(MIN.routes);
  });

  it("answers 401 without a key, with a revoked key and with an unknown key", async () => {
    const unknownKey = `pult_${"Q".repeat(43)}`;
    for (const route of routes) {
      const spec = routeSpecs[route.key];
      if (spec?.isPublic) continue;
      const req = spec?.own?.(a)[0] ?? spec?.foreign?.(a, b)[0];
      if (!req) throw new Error(`${route.key} has no request to try`);
      for (const key of [null, a.revokedApiKey.key, b.revokedApiKey.key, unknownKey]) {
        const res = await send(route, req, key);
        expect(res.status, `${route.key} with ${key ? "a bad" : "no"} key`).toBe(401);
        counted.unauthenticated++;
      }
    }
    expect(counted.unauthenticated).toBeGreaterThanOrEqual(MIN.unauthenticated);
  });

  it("A's key lists exactly what it listed before B existed, and nothing of B", async () => {
    for (const [key, spec] of Object.entries(routeSpecs)) {
      for (const req of spec.own?.(a) ?? []) {
        const res = await send(routeOf(key), req, a.apiKey.key);
        counted.own++;
        expect(res.status, key).toBe(200);
        expect(leakedMarkers(res.text, b.markers), key).toEqual([]);
        expect(JSON.stringify(res), key).toBe(answersBeforeB.get(`${key} ${req.url}`));
      }
    }
    expect(counted.own).toBeGreaterThanOrEqual(MIN.own);
  });

  it("A's key gets 404 for B's clients and recordings and nothing of B from searches", async () => {
    for (const [key, spec] of Object.entries(routeSpecs)) {
      for (const req of spec.foreign?.(a, b) ?? []) {
        const res = await send(routeOf(key), req, a.apiKey.key);
        counted.foreign++;
        const typed = JSON.stringify(req);
        const markers = b.markers.filter((m) => !typed.includes(m));
        expect(res.status, `${key} ${req.url}: ${res.text}`).toBe(req.status);
        expect(leakedMarkers(res.text, markers), `${key} ${req.url}`).toEqual([]);
        if (req.check) req.check(JSON.parse(res.text));
      }
    }
    expect(counted.foreign).toBeGreaterThanOrEqual(MIN.foreign);
  });

  it("leaves every row of tenant B exactly as it was", async () => {
    expect(await snapshotTenant(b.tenantId)).toEqual(bBefore);
  });
});

describe("recording URLs", () => {
  // B's ready recording with its audio really stored: B's own admin gets the bytes, so A's 404
  // below is the access check's answer, not a file missing from storage.
  const audio = Buffer.from("ID3 Bravo's audio bytes");
  let storeDir = "";

  beforeAll(async () => {
    storeDir = await mkdtemp(path.join(os.tmpdir(), "pult-isolation-"));
    const store = createLocalStore(storeDir);
    setObjectStore(store);
    const key = `recordings/${b.recordings.ready}/0.mp3`;
    await store.put(key, audio, "audio/mpeg");
    await getDb().recordingFile.updateMany({
      where: { recordingId: b.recordings.ready, index: 0 },
      data: { storageKey: key, sizeBytes: audio.length },
    });
  });

  afterAll(async () => {
    setObjectStore(undefined);
    await rm(storeDir, { recursive: true, force: true });
  });

  const request = (id: string) => ({
    method: "GET",
    url: `http://localhost/api/recordings/${id}?file=0`,
    headers: new Headers(),
  });
  // The recording route answers in the one error shape of lib/errors.ts.
  const notFound = { code: "NOT_FOUND", message: "Recording not found" };

  it("answers 404, not 403, for another company's recording, to users and keys", async () => {
    const own = await streamRecordingForUser(
      b.admin,
      b.recordings.ready,
      request(b.recordings.ready),
      null,
    );
    expect(own.status).toBe(200);
    expect(Buffer.from(await own.arrayBuffer()).equals(audio)).toBe(true);

    const viewers: Viewer[] = [a.admin, a.supervisor, a.manager];
    for (const viewer of viewers) {
      const res = await streamRecordingForUser(
        viewer,
        b.recordings.ready,
        request(b.recordings.ready),
        null,
      );
      expect(res.status, viewer.role).toBe(404);
      expect(await res.json(), viewer.role).toEqual(notFound);
    }
    const byKey = await streamRecordingForApiKey(
      { tenantId: a.tenantId, apiKeyId: a.apiKey.id },
      b.recordings.ready,
      request(b.recordings.ready),
      null,
    );
    expect(byKey.status).toBe(404);
    expect(await byKey.json()).toEqual(notFound);
  });
});
