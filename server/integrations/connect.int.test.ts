import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { loginAtAuthorizeUrl } from "@/server/demo/oauth-login";
import { jobHandlers } from "@/server/jobs/handlers";
import { startJobWorker, type JobWorker } from "@/server/jobs/worker";
import { startSimulator, type Simulator } from "@/server/pbx-simulator/simulator";
import { startPultEdge } from "@/server/testing/mtt-edge";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import {
  ensureIntegration,
  getIntegrationView,
  redirectUriFor,
  saveCredentials,
} from "@/server/integrations/integration";
import { completeConnect, startConnect } from "@/server/integrations/oauth-flow";
import { actorOf } from "@/server/testing/actors";

const client = {
  clientId: "pult-test",
  clientSecret: "sim-secret-1234567890",
  login: "cabinet",
  password: "cabinet-pw",
};
let fixture: TenantFixture | undefined;
let simulator: Simulator | undefined;
let pult: Server | undefined;
let worker: JobWorker | undefined;
let tenantId = "";
let actorId = "";
let notificationKey = "";

async function followRedirect(location: string) {
  const res = await fetch(location);
  return (await res.json()) as { ok: boolean; code?: string; detail?: string };
}

async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  pult = await startPultEdge();
  fixture = await setUpTenant({
    publicUrl: `http://localhost:${(pult.address() as AddressInfo).port}`,
  });
  tenantId = fixture.tenantId;
  actorId = fixture.adminId;
  notificationKey = (await ensureIntegration(tenantId)).notificationKey;
  simulator = await startSimulator({
    port: 0,
    ...client,
    notificationRetryDelaysMs: [200, 500, 1000],
    seed: 1,
  });
  simulator.registerRedirectUri(redirectUriFor(notificationKey));
  worker = startJobWorker({ handlers: jobHandlers, pollMs: 100 });
});

afterAll(async () => {
  await worker?.stop();
  await simulator?.close();
  await new Promise((resolve) => pult?.close(resolve));
  await fixture?.teardown();
});

const scope = () => actorOf(tenantId, actorId);
const simUrl = () => simulator?.url ?? "";

describe("connecting a tenant to the PBX (simulator) through OAuth", () => {
  it("a wrong client secret fails with invalid_client and leaves the tenant unconnected", async () => {
    await saveCredentials(scope(), {
      clientId: client.clientId,
      clientSecret: "wrong-secret",
      apiUrl: `${simUrl()}/vats/v1`,
      oauthUrl: simUrl(),
    });
    const { authorizeUrl } = await startConnect(scope());
    const result = await followRedirect(
      await loginAtAuthorizeUrl(authorizeUrl, client.login, client.password),
    );
    expect(result).toMatchObject({ ok: false, code: "invalid_client" });
    const view = await getIntegrationView(tenantId, simUrl());
    expect(view.status).toBe("NOT_CONNECTED");
    expect(view.lastError).toMatch(/Authorization failed/);
  });

  it("a wrong state is refused", async () => {
    await expect(
      completeConnect(notificationKey, {
        code: "anything",
        state: "forged-state",
        error: null,
        errorDescription: null,
      }),
    ).resolves.toMatchObject({
      ok: false,
      code: "state_mismatch",
    });
  });

  it("connects with the right secret, stores tokens encrypted and syncs the structure", async () => {
    await saveCredentials(scope(), {
      clientId: client.clientId,
      clientSecret: client.clientSecret,
    });
    const { authorizeUrl } = await startConnect(scope());
    expect(new URL(authorizeUrl).searchParams.get("redirect_uri")).toBe(
      redirectUriFor(notificationKey),
    );
    const location = await loginAtAuthorizeUrl(authorizeUrl, client.login, client.password);
    expect(await followRedirect(location)).toMatchObject({ ok: true, tenantId });

    const row = await getDb().mttIntegration.findUniqueOrThrow({ where: { tenantId } });
    expect(row.status).toBe("CONNECTED");
    expect(row.accessTokenEnc).toMatch(/^v1\./);
    expect(row.clientSecretEnc).not.toContain(client.clientSecret);

    const structure = (await (await fetch(`${simUrl()}/control/structure`)).json()) as {
      workplaces: Array<{ id: string; name: string }>;
    };
    await waitFor(async () => (await getIntegrationView(tenantId, simUrl())).lastSyncAt);
    const view = await getIntegrationView(tenantId, simUrl());
    expect(view.counts.workplaces).toBe(structure.workplaces.length);
    expect(view.isSimulator).toBe(true);

    // The redirect cannot be replayed: the state was used up.
    expect(await followRedirect(location)).toMatchObject({ ok: false, code: "state_mismatch" });
    // A used code with a fresh state is refused by the PBX.
    const { authorizeUrl: second } = await startConnect(scope());
    const state = new URL(second).searchParams.get("state");
    const usedCode = new URL(location).searchParams.get("code");
    await expect(
      completeConnect(notificationKey, {
        code: usedCode,
        state,
        error: null,
        errorDescription: null,
      }),
    ).resolves.toMatchObject({
      ok: false,
      code: "invalid_grant",
    });
  });

  it("an edit of the PBX structure arrives as settingsChanged and is mirrored, removed items archived", async () => {
    const structure = (await (await fetch(`${simUrl()}/control/structure`)).json()) as {
      workplaces: Array<{ id: string; name: string }>;
    } & Record<string, unknown>;
    const [first, removed, ...rest] = structure.workplaces;
    if (!first || !removed) throw new Error("the demo structure has at least two workplaces");
    const edited = {
      ...structure,
      workplaces: [{ ...first, name: "Отдел продаж (переименован)" }, ...rest],
    };
    const put = await fetch(`${simUrl()}/control/structure`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(edited),
    });
    expect(put.ok).toBe(true);

    const renamed = await waitFor(() =>
      getDb().workplace.findFirst({
        where: { tenantId, externalId: first.id, name: "Отдел продаж (переименован)" },
      }),
    );
    expect(renamed.archivedAt).toBeNull();
    const archived = await waitFor(() =>
      getDb().workplace.findFirst({
        where: { tenantId, externalId: removed.id, archivedAt: { not: null } },
      }),
    );
    expect(archived.name).toBe(removed.name);
    const events = await getDb().callEvent.count({ where: { tenantId, type: "settingsChanged" } });
    expect(events).toBe(1);
  });
});
