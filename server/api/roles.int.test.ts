// Roles across every tRPC procedure, read from the router: anonymous callers get UNAUTHORIZED,
// a manager FORBIDDEN for every supervisor- and admin-only procedure (routing changes, client
// reassignment, users, API keys, the integration, company settings), a supervisor FORBIDDEN for
// the admin-only ones, and refused calls write nothing. Then what a manager may call but only
// for their own clients, tasks, calls and recordings, and that each role's permitted calls are
// answered (a NOT_FOUND or a CONFLICT there would hide a refusal).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/server/api-keys/api-keys";
import type { SessionUser } from "@/server/auth/session-user";
import { actorOf } from "@/server/testing/actors";
import { getDb } from "@/server/db";
import { createRule } from "@/server/routing/service";
import { invokeProcedure, listProcedures } from "@/server/testing/procedures";
import {
  managerLimits,
  procedureAccess,
  validInput,
  type Access,
} from "@/server/testing/role-cases";
import { leakedMarkers, snapshotTenant } from "@/server/testing/tenant-snapshot";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { seedTenantWorld, type TenantWorld } from "@/server/testing/tenant-world";
import { seedTranscript } from "@/server/testing/tenant-world-transcripts";
import { inviteUser } from "@/server/users/users";
import { freshQualityInput } from "@/server/testing/role-fresh-quality";

const procedures = [...listProcedures().keys()];
let fixture: TenantFixture | undefined;
let a: TenantWorld;
const checked = { unauthorized: 0, forbidden: 0, allowed: 0, limits: 0 };

const allowedFor: Record<SessionUser["role"], ReadonlyArray<Access>> = {
  MANAGER: ["public", "member"],
  SUPERVISOR: ["public", "member", "supervisor"],
  ADMIN: ["public", "member", "supervisor", "admin"],
};

const accessOf = (path: string): Access => procedureAccess[path] ?? "admin";

// Procedures each role may call (today 32, 48 and all 67).
const MIN_ALLOWED: Record<SessionUser["role"], number> = { MANAGER: 30, SUPERVISOR: 45, ADMIN: 60 };

// The router has 67 procedures today; far fewer means the suites below check next to nothing.
const MIN_PROCEDURES = 60;

let fresh = 0;

/**
 * validInput, except for the rows one call uses up for the next (a task closed, a rule deleted,
 * an invitation taken, a key revoked): made anew for each call, so every permitted call succeeds.
 */
async function inputFor(path: string, user: SessionUser): Promise<unknown> {
  const scope = actorOf(a.tenantId, a.admin.id);
  const n = ++fresh;
  const quality = await freshQualityInput(path, a, user, n);
  if (quality !== undefined) return quality;
  switch (path) {
    case "tasks.close":
    case "tasks.cancel": {
      const task = await getDb().task.create({
        data: { tenantId: a.tenantId, phone: a.phones.manager, assigneeId: a.manager.id },
        select: { id: true },
      });
      return { taskId: task.id };
    }
    case "routing.update":
    case "routing.delete": {
      const input = validInput(path, a) as Record<string, unknown>;
      const { ruleId: _used, ...body } = input;
      const rule = await createRule(scope, {
        name: `Alpha fresh rule ${n}`,
        isEnabled: true,
        conditions: { dialed: [], caller: { kind: "any" }, schedule: null },
        action: { kind: "release" },
        fallbacks: [],
      });
      return { ...body, ruleId: rule.id };
    }
    case "routing.reorder": {
      const rules = await getDb().routingRule.findMany({
        where: { tenantId: a.tenantId },
        orderBy: { position: "asc" },
        select: { id: true },
      });
      return { ruleIds: rules.map((r) => r.id).reverse() };
    }
    case "invites.get":
    case "invites.accept": {
      const invite = await inviteUser(
        scope,
        { email: `fresh-${n}@alpha.test`, name: "Alpha Fresh", role: "MANAGER" },
        "http://localhost:3000",
      );
      const token = invite.inviteUrl.split("/invite/")[1] ?? "";
      if (path === "invites.get") return { token };
      return { token, name: "Alpha Fresh", password: "long-enough-password" };
    }
    case "apiKeys.revoke": {
      const key = await createApiKey(scope, { name: `Alpha fresh key ${n}`, expiresAt: null });
      return { apiKeyId: key.apiKey.id };
    }
    case "transcripts.delete": {
      // The previous call deleted it: a fresh one for each.
      const recording = await getDb().recording.findFirstOrThrow({
        where: { tenantId: a.tenantId, callId: a.calls.answered },
        select: { id: true },
      });
      await seedTranscript(a.tenantId, a.label, a.calls.answered, recording.id);
      return { callId: a.calls.answered };
    }
    case "webhooks.delete": {
      const endpoint = await getDb().webhookEndpoint.create({
        data: {
          tenantId: a.tenantId,
          url: `https://crm.alpha.example/fresh-${n}`,
          events: ["call.ended"],
          secretEnc: "v1.fresh",
        },
        select: { id: true },
      });
      return { endpointId: endpoint.id };
    }
    default:
      return validInput(path, a);
  }
}

beforeAll(async () => {
  fixture = await setUpTenant();
  a = await seedTenantWorld({
    label: "Alpha",
    digit: 1,
    parkTimeouts: 1,
    existing: { tenantId: fixture.tenantId, adminId: fixture.adminId },
  });
}, 120_000);

afterAll(async () => {
  console.info(
    `roles: ${procedures.length} procedures; ${checked.unauthorized} anonymous refusals, ` +
      `${checked.forbidden} role refusals, ${checked.allowed} allowed calls, ` +
      `${checked.limits} manager limits`,
  );
  await fixture?.teardown();
});

async function expectRefused(user: SessionUser | null, paths: string[], code: string) {
  const before = await snapshotTenant(a.tenantId);
  for (const path of paths) {
    const outcome = await invokeProcedure(user, path, validInput(path, a));
    expect(outcome.ok ? "answered" : outcome.code, `${path}: ${outcome.text}`).toBe(code);
  }
  // A refused call must not have written anything, not even an audit row.
  expect(await snapshotTenant(a.tenantId)).toEqual(before);
  return paths.length;
}

describe("roles across every tRPC procedure", () => {
  it("classifies every procedure of the app router", () => {
    expect(procedures.length).toBeGreaterThanOrEqual(MIN_PROCEDURES);
    const unclassified = procedures.filter((path) => !(path in procedureAccess));
    expect(unclassified, "add these to server/testing/role-cases.ts").toEqual([]);
  });

  it("refuses anonymous callers everything but the invitation link", async () => {
    const closed = procedures.filter((path) => accessOf(path) !== "public");
    expect(closed.length).toBeGreaterThanOrEqual(MIN_PROCEDURES - 2);
    checked.unauthorized += await expectRefused(null, closed, "UNAUTHORIZED");
  });

  it("refuses a manager every supervisor- and admin-only procedure, writing nothing", async () => {
    const forbidden = procedures.filter((p) => !allowedFor.MANAGER.includes(accessOf(p)));
    // Routing rules, client reassignment, users, API keys, integration and settings among them.
    for (const path of [
      "routing.update",
      "clients.assign",
      "clients.moveAll",
      "users.update",
      "apiKeys.create",
      "integration.saveCredentials",
      "tenant.update",
    ])
      expect(forbidden).toContain(path);
    expect(forbidden.length).toBeGreaterThanOrEqual(30);
    checked.forbidden += await expectRefused(a.manager, forbidden, "FORBIDDEN");
  });

  it("refuses a supervisor the admin-only procedures, writing nothing", async () => {
    const forbidden = procedures.filter((p) => !allowedFor.SUPERVISOR.includes(accessOf(p)));
    // Users, API keys, the integration, company settings, recording retries, the listening log.
    expect(forbidden.length).toBeGreaterThanOrEqual(15);
    checked.forbidden += await expectRefused(a.supervisor, forbidden, "FORBIDDEN");
  });

  it("lets a manager act only on their own clients, tasks, calls and recordings", async () => {
    const before = await snapshotTenant(a.tenantId);
    for (const { why, path, input, code } of managerLimits(a)) {
      const outcome = await invokeProcedure(a.manager, path, input);
      expect(outcome.ok ? "answered" : outcome.code, `${why}: ${outcome.text}`).toBe(code);
      checked.limits++;
    }
    expect(checked.limits).toBeGreaterThanOrEqual(10);
    expect(await snapshotTenant(a.tenantId)).toEqual(before);
  });

  it("shows a manager only their own calls, recordings and tasks", async () => {
    const others = [
      a.calls.othersAnswered,
      a.calls.othersMissed,
      a.calls.othersLive,
      a.recordings.failed,
      a.tasks.otherManager,
    ];
    const mine = [a.calls.answered, a.calls.live, a.recordings.ready, a.tasks.manager];
    for (const [path, input] of [
      ["calls.live", undefined],
      ["calls.history", { period: "all" }],
      ["recordings.list", {}],
      ["tasks.list", { status: "OPEN", assignee: "all" }],
    ] as const) {
      const outcome = await invokeProcedure(a.manager, path, input);
      expect(outcome.ok, `${path}: ${outcome.text}`).toBe(true);
      expect(leakedMarkers(outcome.text, others), path).toEqual([]);
      expect(leakedMarkers(outcome.text, mine).length, path).toBeGreaterThan(0);
    }
  });

  for (const [role, who] of [
    ["MANAGER", "a manager"],
    ["SUPERVISOR", "a supervisor"],
    ["ADMIN", "an admin"],
  ] as const) {
    it(`lets ${who} call everything the role allows, and answers each call`, async () => {
      const user = { MANAGER: a.manager, SUPERVISOR: a.supervisor, ADMIN: a.admin }[role];
      const allowed = procedures.filter((p) => allowedFor[role].includes(accessOf(p)));
      expect(allowed.length).toBeGreaterThanOrEqual(MIN_ALLOWED[role]);
      for (const path of allowed) {
        const outcome = await invokeProcedure(user, path, await inputFor(path, user));
        // Valid input naming the company's own rows: any error (NOT_FOUND, CONFLICT,
        // BAD_REQUEST as much as FORBIDDEN) means the role did not get what it may do.
        expect(outcome.ok ? "answered" : outcome.code, `${path}: ${outcome.text}`).toBe("answered");
        checked.allowed++;
      }
    });
  }
});
