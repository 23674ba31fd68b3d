import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createCaller } from "@/server/api/root";
import { getDb } from "@/server/db";
import { loginAtAuthorizeUrl } from "@/server/demo/oauth-login";
import {
  ensureIntegration,
  redirectUriFor,
  saveCredentials,
} from "@/server/integrations/integration";
import { startConnect } from "@/server/integrations/oauth-flow";
import { createManualClock, type ManualClock } from "@/server/pbx-simulator/clock";
import { startSimulator, type Simulator } from "@/server/pbx-simulator/simulator";
import { startPultEdge } from "@/server/testing/mtt-edge";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { actorOf } from "@/server/testing/actors";

// Test support for the tasks and call-control integration tests: Pult's notification edge, a
// fresh tenant, and the bundled PBX simulator on a manual clock, connected through OAuth.

export const PBX_NUMBER = "+74951110000";
export const CLIENT_PHONE = "+79005554433";
export const RING_TIMEOUT_MS = 10_000;

type Person = { id: string; role: "ADMIN" | "SUPERVISOR" | "MANAGER"; tenantId: string };

export type PbxHarness = {
  fixture: TenantFixture;
  simulator: Simulator;
  clock: ManualClock;
  tenantId: string;
  workplaces: { wp1: string; wp2: string };
  maria: Person;
  ivan: Person;
  sofia: Person;
  clientId: string;
  close(): Promise<void>;
};

const pbx = {
  clientId: "pult-tasks",
  clientSecret: "tasks-secret-1234567890",
  login: "cabinet",
  password: "cabinet-pw",
};

export async function until<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function callerFor(person: Person) {
  return createCaller({ user: { ...person, email: "", name: "", locale: null }, ip: "127.0.0.1" });
}

export async function startPbxHarness(): Promise<PbxHarness> {
  const edge: Server = await startPultEdge();
  const fixture = await setUpTenant({
    publicUrl: `http://localhost:${(edge.address() as AddressInfo).port}`,
  });
  const { tenantId } = fixture;
  const clock = createManualClock(Date.now());
  const simulator = await startSimulator({
    ...pbx,
    clock,
    seed: "tasks",
    ringTimeoutMs: RING_TIMEOUT_MS,
    remoteAnswerDelayMs: null,
    notificationRetryDelaysMs: [200, 500, 1000],
    structure: {
      workplaces: [
        { id: "wp-1", name: "Мария", extension: "101", distribution: "all", terminals: [] },
        { id: "wp-2", name: "Иван", extension: "102", distribution: "all", terminals: [] },
      ],
      numbers: [
        {
          number: PBX_NUMBER,
          kind: "city",
          label: "Продажи",
          parking: false,
          workplaceIds: ["wp-1"],
        },
      ],
    },
  });
  const { notificationKey } = await ensureIntegration(tenantId);
  simulator.registerRedirectUri(redirectUriFor(notificationKey));
  const scope = actorOf(tenantId, fixture.adminId);
  await saveCredentials(scope, {
    ...pbx,
    apiUrl: `${simulator.url}/vats/v1`,
    oauthUrl: simulator.url,
    signNotifications: true,
  });
  const { authorizeUrl } = await startConnect(scope);
  const landing = await fetch(await loginAtAuthorizeUrl(authorizeUrl, pbx.login, pbx.password));
  if (!landing.ok) throw new Error(`connecting to the simulator failed: ${landing.status}`);

  const db = getDb();
  const workplace = (externalId: string, name: string) =>
    db.workplace.upsert({
      where: { tenantId_externalId: { tenantId, externalId } },
      create: { tenantId, externalId, name },
      update: {},
      select: { id: true },
    });
  const wp1 = (await workplace("wp-1", "Мария")).id;
  const wp2 = (await workplace("wp-2", "Иван")).id;
  const person = (email: string, role: Person["role"], workplaceId: string | null) =>
    db.user.create({
      data: {
        tenantId,
        email,
        name: email.split("@")[0] ?? email,
        role,
        status: "ACTIVE",
        workplaceId,
      },
      select: { id: true, role: true, tenantId: true },
    });
  const maria = await person("maria@acme.test", "MANAGER", wp1);
  const ivan = await person("ivan@acme.test", "MANAGER", wp2);
  const sofia = await person("sofia@acme.test", "SUPERVISOR", null);
  const client = await db.client.create({
    data: {
      tenantId,
      name: "Анна Клиентова",
      personalManagerId: maria.id,
      phones: { create: { tenantId, e164: CLIENT_PHONE } },
    },
    select: { id: true },
  });
  return {
    fixture,
    simulator,
    clock,
    tenantId,
    workplaces: { wp1, wp2 },
    maria,
    ivan,
    sofia,
    clientId: client.id,
    async close() {
      await simulator.close();
      await new Promise((resolve) => edge.close(resolve));
      await fixture.teardown();
    },
  };
}

export async function control(
  simulator: Simulator,
  method: string,
  route: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${simulator.url}${route}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** The Pult row of a PBX call, once its notifications have been applied. */
export function callRow(tenantId: string, externalId: string) {
  return getDb().call.findUnique({
    where: { tenantId_externalId: { tenantId, externalId } },
    select: {
      id: true,
      direction: true,
      state: true,
      result: true,
      isClickToCall: true,
      answeredAt: true,
      managerId: true,
      workplaceId: true,
    },
  });
}
