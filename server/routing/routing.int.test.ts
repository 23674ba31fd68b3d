import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clientsRoute from "@/app/api/v1/clients/route";
import { createApiKey } from "@/server/api-keys/api-keys";
import type { RoutingStep, RuleBody } from "@/lib/schemas/routing";
import { getDb } from "@/server/db";
import { loginAtAuthorizeUrl } from "@/server/demo/oauth-login";
import {
  ensureIntegration,
  redirectUriFor,
  saveCredentials,
} from "@/server/integrations/integration";
import { startConnect } from "@/server/integrations/oauth-flow";
import { jobHandlers } from "@/server/jobs/handlers";
import { startJobWorker, type JobWorker } from "@/server/jobs/worker";
import type { CallRecord } from "@/server/pbx-simulator/call-types";
import { startSimulator, type Simulator } from "@/server/pbx-simulator/simulator";
import { startPultEdge } from "@/server/testing/mtt-edge";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { routeParkedCall } from "@/server/calls/route-parked-call";
import {
  createRule,
  listRules,
  moveRule,
  parkExpiredSince,
  setRuleEnabled,
  testRouting,
  updateRule,
} from "@/server/routing/service";
import {
  invalidateClients,
  invalidateStaff,
  resetRoutingSnapshots,
} from "@/server/routing/snapshot";
import { actorOf } from "@/server/testing/actors";

// Pult's notification endpoint and the real PBX simulator, connected through OAuth: a parked
// call is decided from the snapshot and the simulator shows where it went.

const sim = {
  clientId: "pult-routing",
  clientSecret: "routing-secret-123456",
  login: "cab",
  password: "cab-pw",
};
const SALES = "+74951234567";
const CLIENT_A = "+79001110001";
const CLIENT_B = "+79001110002";
const STRANGER = "+79005550000";

let fixture: TenantFixture | undefined;
let simulator: Simulator | undefined;
let pult: Server | undefined;
let worker: JobWorker | undefined;
let tenantId = "";
let actorId = "";
const workplace: Record<string, string> = {};
const scope = () => actorOf(tenantId, actorId);

async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function control<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${simulator?.url ?? ""}/control${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`simulator ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Places a call at the simulator and waits for the PBX to record Pult's decision. */
async function placeCall(from: string, to = SALES) {
  // Pult runs in this process: its decision's timing falls inside this window.
  const placedAt = performance.now();
  const { callId } = await control<{ callId: string }>("/calls", { from, to });
  const record = await waitFor(async () => {
    const r = await control<CallRecord>(`/calls/${callId}`);
    return r.decision ? r : null;
  });
  const decision = await waitFor(() =>
    getDb().routingDecision.findFirst({
      where: { tenantId, call: { externalId: callId } },
      select: {
        outcome: true,
        ruleId: true,
        explanation: true,
        decidedInMs: true,
        targetWorkplaceId: true,
        targetNumber: true,
      },
    }),
  );
  return {
    callId,
    record,
    decision: { ...decision, steps: decision.explanation as RoutingStep[] },
    windowMs: performance.now() - placedAt,
  };
}

beforeAll(async () => {
  await resetRoutingSnapshots();
  pult = await startPultEdge();
  fixture = await setUpTenant({
    publicUrl: `http://localhost:${(pult.address() as AddressInfo).port}`,
  });
  tenantId = fixture.tenantId;
  actorId = fixture.adminId;
  const { notificationKey } = await ensureIntegration(tenantId);
  simulator = await startSimulator({
    port: 0,
    ...sim,
    seed: 1,
    remoteAnswerDelayMs: null,
    ringTimeoutMs: 60_000,
  });
  simulator.registerRedirectUri(redirectUriFor(notificationKey));
  worker = startJobWorker({ handlers: jobHandlers, pollMs: 100 });
  await saveCredentials(scope(), {
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    apiUrl: `${simulator.url}/vats/v1`,
    oauthUrl: simulator.url,
  });
  const { authorizeUrl } = await startConnect(scope());
  const location = await loginAtAuthorizeUrl(authorizeUrl, sim.login, sim.password);
  expect((await (await fetch(location)).json()) as { ok: boolean }).toMatchObject({ ok: true });
  const rows = await waitFor(async () => {
    const found = await getDb().workplace.findMany({
      where: { tenantId },
      select: { id: true, externalId: true },
    });
    return found.length >= 3 ? found : null;
  });
  for (const row of rows) workplace[row.externalId] = row.id;

  const db = getDb();
  const people = [
    ["Ivanova", "wp-101"],
    ["Petrov", "wp-102"],
    ["Sidorov", "wp-103"],
  ] as const;
  const ids: Record<string, string> = {};
  for (const [name, ext] of people) {
    const user = await db.user.create({
      data: {
        tenantId,
        email: `${name.toLowerCase()}@acme.test`,
        name,
        role: "MANAGER",
        status: "ACTIVE",
        presence: "AVAILABLE",
        workplaceId: workplace[ext],
      },
      select: { id: true },
    });
    ids[name] = user.id;
  }
  invalidateStaff(tenantId);
  // The clients arrive the way a CRM sends them: POST /api/v1/clients with the manager's email
  // and a phone as people type it. Creating them must be enough for routing to know them.
  const { key } = await createApiKey(actorOf(tenantId, actorId), { name: "CRM", expiresAt: null });
  for (const [phone, name] of [
    ["8 (900) 111-00-01", "Romashka"],
    ["+7 900 111 00 02", "Vasilek"],
  ] as const) {
    const response = await clientsRoute.POST(
      new Request("http://localhost/api/v1/clients", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ name, phones: [phone], managerEmail: "ivanova@acme.test" }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status, await response.clone().text()).toBe(201);
  }
  expect(ids.Ivanova).toBeTruthy();
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await simulator?.close();
  await new Promise((resolve) => pult?.close(resolve));
  await resetRoutingSnapshots();
  await fixture?.teardown();
});

/** A parked incoming call from CLIENT_A to SALES, as Pult stores it on callStarted. */
const parkedCallRow = (externalId: string) =>
  getDb().call.create({
    data: {
      tenantId,
      externalId,
      direction: "IN",
      fromNumber: CLIENT_A,
      toNumber: SALES,
      state: "PARKED",
      startedAt: new Date(),
      lastEventAt: new Date(),
    },
    select: { id: true },
  });

describe("routing parked calls through the PBX simulator", () => {
  it("a new company has the default rule; a client's call goes to their personal manager", async () => {
    const { rules } = await listRules(tenantId);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      isEnabled: true,
      action: { kind: "personalManager" },
      fallbacks: [{ kind: "release" }],
    });

    const { record, decision, windowMs } = await placeCall(CLIENT_A);
    expect(record.decision).toEqual({ method: "transferCall", target: { workplaceId: "wp-101" } });
    expect(record.ringingWorkplaceId).toBe("wp-101");

    expect(decision).toMatchObject({
      outcome: "TRANSFER_WORKPLACE",
      ruleId: rules[0]?.id,
      targetWorkplaceId: workplace["wp-101"],
    });
    expect(decision.steps).toContainEqual({
      kind: "personalManager",
      name: "Ivanova",
      status: "available",
    });
    // The time to decide and hear back from the PBX: a round trip takes some, and it all
    // happened between placing the call and finding the stored decision.
    expect(decision.decidedInMs).toBeGreaterThan(0);
    expect(decision.decidedInMs).toBeLessThanOrEqual(Math.ceil(windowMs));
    // Ivanova picks up: the next test needs her on a call.
    await control(`/calls/${record.callId}/answer`, {});
    // Decided inside the 5 s park (the first decision also loads the snapshot).
    expect(Date.parse(record.decisionAt ?? "") - Date.parse(record.parkedAt ?? "")).toBeLessThan(
      5_000,
    );
  });

  it("with the manager on a call, the fallback group takes it (longest idle)", async () => {
    const rule = (await listRules(tenantId)).rules[0];
    if (!rule) throw new Error("no rule");
    const body: RuleBody = {
      name: rule.name,
      isEnabled: true,
      conditions: rule.conditions,
      action: { kind: "personalManager" },
      fallbacks: [
        {
          kind: "group",
          name: "Sales",
          strategy: "longestIdle",
          workplaceIds: [workplace["wp-102"] ?? "", workplace["wp-103"] ?? ""],
        },
        { kind: "release" },
      ],
    };
    await updateRule(scope(), rule.id, body);
    // Ivanova is talking with client A (answered in the previous test) once ingest has it.
    await waitFor(() =>
      getDb().call.findFirst({
        where: { tenantId, state: "TALKING", workplaceId: workplace["wp-101"] },
      }),
    );
    const { record, decision } = await placeCall(CLIENT_B);
    expect(record.decision).toEqual({ method: "transferCall", target: { workplaceId: "wp-102" } });
    expect(decision.steps).toEqual([
      { kind: "ruleMatched", rule: rule.name },
      { kind: "personalManager", name: "Ivanova", status: "busy" },
      { kind: "fallback", index: 1 },
      { kind: "groupPick", group: "Sales", strategy: "longestIdle", name: "Petrov" },
    ]);
  });

  it("a disabled rule is skipped; enabled and moved first, it decides", async () => {
    const vip = await createRule(scope(), {
      name: "Everyone to the front desk",
      isEnabled: false,
      conditions: { dialed: [SALES], caller: { kind: "any" }, schedule: null },
      action: { kind: "number", number: "+79990000000" },
      fallbacks: [],
    });
    await moveRule(scope(), vip.id, "up");
    const skipped = await placeCall(STRANGER);
    expect(skipped.decision.steps[0]).toEqual({
      kind: "ruleDisabled",
      rule: "Everyone to the front desk",
    });
    // The stranger is not a known client: the default rule does not match either → released.
    expect(skipped.record.decision).toEqual({ method: "terminateCall" });
    expect(skipped.decision).toMatchObject({ outcome: "RELEASE", ruleId: null });

    await setRuleEnabled(scope(), vip.id, true);
    const taken = await placeCall(STRANGER);
    expect(taken.record.decision).toEqual({
      method: "transferCall",
      target: { number: "+79990000000" },
    });
    expect(taken.decision).toMatchObject({
      outcome: "TRANSFER_NUMBER",
      ruleId: vip.id,
      targetNumber: "+79990000000",
    });
    await setRuleEnabled(scope(), vip.id, false);
  });

  it("the test panel traces the same engine on the live snapshot", async () => {
    const trace = await testRouting(tenantId, {
      caller: "8 (900) 111-00-02",
      dialed: "84951234567",
      at: "2026-11-27T12:00",
    });
    expect(trace.caller).toBe(CLIENT_B);
    expect(trace.dialed).toBe(SALES);
    expect(trace.steps[0]).toEqual({ kind: "ruleDisabled", rule: "Everyone to the front desk" });
    // Ivanova still talks with client A; the rest depends on who the PBX is ringing now.
    expect(trace.steps.slice(1, 3)).toEqual([
      { kind: "ruleMatched", rule: "Персональный менеджер" },
      { kind: "personalManager", name: "Ivanova", status: "busy" },
    ]);
    // A dry run: the trace names no rule that does not exist and stores nothing.
    expect(await getDb().routingDecision.count({ where: { tenantId } })).toBe(4);
  });

  it("the snapshot follows assignment, presence and rule changes once invalidated", async () => {
    const db = getDb();
    const petrov = await db.user.findFirstOrThrow({ where: { tenantId, name: "Petrov" } });
    const client = await db.clientPhone.findFirstOrThrow({ where: { tenantId, e164: CLIENT_B } });
    const trace = () => testRouting(tenantId, { caller: CLIENT_B, dialed: SALES });
    const managerStep = async () => (await trace()).steps.find((s) => s.kind === "personalManager");
    // Warm: Ivanova, on a call.
    expect(await managerStep()).toMatchObject({ name: "Ivanova", status: "busy" });
    // Another helper's client code reassigns and tells routing which client changed.
    await db.client.update({
      where: { id: client.clientId },
      data: { personalManagerId: petrov.id },
    });
    expect(await managerStep()).toMatchObject({ name: "Ivanova" }); // not told yet: cached
    invalidateClients(tenantId, [client.clientId]);
    expect(await managerStep()).toMatchObject({ name: "Petrov" });
    // The other clients of the index are untouched by a narrow reload.
    expect((await testRouting(tenantId, { caller: CLIENT_A, dialed: SALES })).steps).toContainEqual(
      expect.objectContaining({ kind: "personalManager", name: "Ivanova" }),
    );
    await db.user.update({ where: { id: petrov.id }, data: { presence: "BREAK" } });
    invalidateStaff(tenantId);
    expect(await managerStep()).toMatchObject({ name: "Petrov", status: "break" });
    await db.user.update({ where: { id: petrov.id }, data: { presence: "AVAILABLE" } });
    invalidateStaff(tenantId);
  });

  it("a decision the PBX refuses with 1002 (park expired) is stored as TIMEOUT and counted", async () => {
    const since = new Date(Date.now() - 60_000);
    const before = await parkExpiredSince(tenantId, since);
    // A call the PBX already routed: a second decision for it gets "not parked" (1002).
    const routed = await getDb().call.findFirstOrThrow({
      where: { tenantId, workplaceId: workplace["wp-101"] },
      select: { externalId: true },
    });
    const late = await parkedCallRow("late-call");
    await routeParkedCall(tenantId, {
      callRowId: Promise.resolve(late.id),
      externalId: routed.externalId,
      from: STRANGER,
      to: SALES,
      parkTimeoutMs: 5_000,
      receivedAtMs: performance.now(),
    });
    const row = await getDb().routingDecision.findUniqueOrThrow({ where: { callId: late.id } });
    expect(row.outcome).toBe("TIMEOUT");
    expect((row.explanation as RoutingStep[]).at(-1)).toMatchObject({
      kind: "pbx",
      result: "timeout",
    });
    expect(await parkExpiredSince(tenantId, since)).toBe(before + 1);
  });

  it("a callStarted that arrives after its park expired is stored as TIMEOUT without asking the PBX", async () => {
    const since = new Date(Date.now() - 60_000);
    const before = await parkExpiredSince(tenantId, since);
    const late = await parkedCallRow("delivered-too-late");
    await routeParkedCall(tenantId, {
      callRowId: Promise.resolve(late.id),
      // Unknown to the PBX: had Pult sent anything, the answer would be 1001 and the row ERROR.
      externalId: "delivered-too-late",
      from: CLIENT_A,
      to: SALES,
      parkTimeoutMs: 5_000,
      receivedAtMs: performance.now(),
      parkedAtMs: Date.now() - 8_000,
    });
    const row = await getDb().routingDecision.findUniqueOrThrow({ where: { callId: late.id } });
    expect(row.outcome).toBe("TIMEOUT");
    expect((row.explanation as RoutingStep[]).at(-1)).toMatchObject({
      kind: "pbx",
      result: "timeout",
      message: expect.stringContaining("nothing sent") as unknown,
    });
    expect(await parkExpiredSince(tenantId, since)).toBe(before + 1);
  });
});
