// Isolation and roles of the route handlers outside tRPC and /api/v1 (report and client exports,
// the client import, recording audio), each through the real userRoute wrapper: anonymous callers
// get 401, roles are enforced, tenant A gets nothing of tenant B, and every failure has the one
// JSON error shape `{ code, message, …details }` with the status of lib/errors.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorTable } from "@/lib/errors";
import { exportClients } from "@/server/clients/export-route";
import { handleImportRequest } from "@/server/clients/import-request";
import { userRoute, type UserRouteHandler } from "@/server/http/user-route";
import { apiKeyActor, userActor, type Actor } from "@/server/policy/actor";
import { recordingRouteHandler } from "@/server/recordings/stream";
import { exportReport } from "@/server/reports/export-route";
import { exportQualityReport } from "@/server/quality/export-route";
import { reportPeriod } from "@/server/testing/isolation-cases";
import { leakedMarkers, snapshotTenant } from "@/server/testing/tenant-snapshot";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { seedTenantWorld, type TenantWorld } from "@/server/testing/tenant-world";

type Params = { id: string };
const handlers: Record<string, UserRouteHandler<Params>> = {
  reportExport: (actor, request) => exportReport(actor, new URL(request.url), "en"),
  clientExport: (actor, request) => exportClients(actor, new URL(request.url), "en"),
  clientImport: (actor, request) => handleImportRequest(actor, request),
  recording: recordingRouteHandler,
  qualityExport: (actor, request) => exportQualityReport(actor, new URL(request.url), "en"),
};

let fixture: TenantFixture | undefined;
let a: TenantWorld;
let b: TenantWorld;
let bBefore: unknown;

function send(
  name: keyof typeof handlers,
  actor: Actor | null,
  init: { url: string; id?: string; method?: string; body?: string; type?: string },
) {
  const route = userRoute(`test ${name}`, handlers[name]!, () => Promise.resolve(actor));
  const request = new Request(`http://localhost${init.url}`, {
    method: init.method ?? "GET",
    headers: init.type ? { "content-type": init.type } : {},
    body: init.body,
  });
  return route(request, { params: Promise.resolve({ id: init.id ?? "" }) });
}

async function expectError(response: Response, code: keyof typeof errorTable) {
  expect(response.status).toBe(errorTable[code].http);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ code });
  expect(typeof body.message).toBe("string");
  return body;
}

const reportUrl = () => {
  const { from, to } = reportPeriod();
  return `/api/reports/export?from=${from}&to=${to}&kind=calls`;
};
const qualityUrl = (kind: "managers" | "evaluations") => {
  const { from, to } = reportPeriod();
  return `/api/reports/quality-export?from=${from}&to=${to}&kind=${kind}`;
};
const csvImport = { method: "POST", type: "text/csv", body: "Имя;Телефон\nНовый;+79035550101" };

beforeAll(async () => {
  fixture = await setUpTenant();
  a = await seedTenantWorld({
    label: "Alpha",
    digit: 1,
    parkTimeouts: 1,
    existing: { tenantId: fixture.tenantId, adminId: fixture.adminId },
  });
  b = await seedTenantWorld({ label: "Bravo", digit: 2, parkTimeouts: 2 });
  bBefore = await snapshotTenant(b.tenantId);
}, 180_000);

afterAll(async () => {
  await fixture?.teardown();
});

describe("route handlers through userRoute", () => {
  it("refuse anonymous callers with 401 in the one error shape", async () => {
    await expectError(await send("reportExport", null, { url: reportUrl() }), "UNAUTHENTICATED");
    await expectError(
      await send("qualityExport", null, { url: qualityUrl("managers") }),
      "UNAUTHENTICATED",
    );
    await expectError(
      await send("clientExport", null, { url: "/api/clients/export" }),
      "UNAUTHENTICATED",
    );
    await expectError(
      await send("clientImport", null, { url: "/api/clients/import?mode=preview", ...csvImport }),
      "UNAUTHENTICATED",
    );
    const id = a.recordings.ready;
    await expectError(
      await send("recording", null, { url: `/api/recordings/${id}?file=0`, id }),
      "UNAUTHENTICATED",
    );
  });

  it("apply the roles: reports and imports are for supervisors and admins", async () => {
    const manager = userActor(a.manager, null);
    await expectError(await send("reportExport", manager, { url: reportUrl() }), "FORBIDDEN");
    await expectError(
      await send("qualityExport", manager, { url: qualityUrl("evaluations") }),
      "FORBIDDEN",
    );
    const imported = await send("clientImport", manager, {
      url: "/api/clients/import?mode=commit",
      ...csvImport,
    });
    await expectError(imported, "FORBIDDEN");
    for (const user of [a.supervisor, a.admin]) {
      const report = await send("reportExport", userActor(user, null), { url: reportUrl() });
      expect(report.status, user.role).toBe(200);
      const quality = await send("qualityExport", userActor(user, null), {
        url: qualityUrl("evaluations"),
      });
      expect(quality.status, user.role).toBe(200);
      // The world's two evaluations, made today by A's supervisor: header + 2 rows.
      expect((await quality.text()).trim().split("\r\n"), user.role).toHaveLength(3);
      const preview = await send("clientImport", userActor(user, null), {
        url: "/api/clients/import?mode=preview",
        ...csvImport,
      });
      expect(preview.status, user.role).toBe(200);
    }
  });

  it("give tenant A's users nothing of tenant B", async () => {
    for (const user of [a.admin, a.supervisor, a.manager]) {
      const actor = userActor(user, null);
      const clients = await send("clientExport", actor, { url: "/api/clients/export" });
      expect(clients.status).toBe(200);
      expect(leakedMarkers(await clients.text(), b.markers), user.role).toEqual([]);
      const id = b.recordings.ready;
      const audio = await send("recording", actor, { url: `/api/recordings/${id}?file=0`, id });
      const body = await expectError(audio, "NOT_FOUND");
      expect(leakedMarkers(JSON.stringify(body), b.markers)).toEqual([]);
    }
    const supervisor = userActor(a.supervisor, null);
    const report = await send("reportExport", supervisor, { url: reportUrl() });
    expect(leakedMarkers(await report.text(), b.markers)).toEqual([]);
    for (const kind of ["managers", "evaluations"] as const) {
      const quality = await send("qualityExport", supervisor, { url: qualityUrl(kind) });
      expect(leakedMarkers(await quality.text(), b.markers), kind).toEqual([]);
    }
    const key = apiKeyActor({ tenantId: a.tenantId, apiKeyId: a.apiKey.id }, null);
    const id = b.recordings.ready;
    const byKey = await send("recording", key, { url: `/api/recordings/${id}?file=0`, id });
    await expectError(byKey, "NOT_FOUND");
  });

  it("answer bad input with the table's status and the reason in the body", async () => {
    const admin = userActor(a.admin, null);
    await expectError(
      await send("reportExport", admin, { url: "/api/reports/export?from=nonsense" }),
      "VALIDATION",
    );
    await expectError(
      await send("qualityExport", admin, { url: "/api/reports/quality-export?kind=all" }),
      "VALIDATION",
    );
    const wrongType = await send("clientImport", admin, {
      ...csvImport,
      url: "/api/clients/import?mode=commit",
      type: "text/plain",
    });
    expect(await expectError(wrongType, "UNSUPPORTED_MEDIA_TYPE")).toMatchObject({
      reason: "content_type",
    });
    const failed = a.recordings.failed;
    const notReady = await send("recording", admin, {
      url: `/api/recordings/${failed}?file=0`,
      id: failed,
    });
    expect(notReady.status).toBeGreaterThanOrEqual(400);
    expect(notReady.status).toBeLessThan(500);
  });

  it("leave every row of tenant B exactly as it was", async () => {
    expect(await snapshotTenant(b.tenantId)).toEqual(bBefore);
  });
});
