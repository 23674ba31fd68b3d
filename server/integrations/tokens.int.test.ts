import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { loginAtAuthorizeUrl } from "@/server/demo/oauth-login";
import { startSimulator, type Simulator } from "@/server/pbx-simulator/simulator";
import { startPultEdge } from "@/server/testing/mtt-edge";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import {
  disconnectIntegration,
  ensureIntegration,
  getIntegrationView,
  redirectUriFor,
  saveCredentials,
} from "@/server/integrations/integration";
import { getMttClient } from "@/server/integrations/mtt-client";
import { startConnect } from "@/server/integrations/oauth-flow";
import { actorOf } from "@/server/testing/actors";

const client = {
  clientId: "pult-tokens",
  clientSecret: "tokens-secret-1234567890",
  login: "cabinet",
  password: "cabinet-pw",
};
let fixture: TenantFixture | undefined;
let simulator: Simulator | undefined;
let edge: Server | undefined;
let tenantId = "";
let port = 0;

const startSim = (simPort: number) =>
  startSimulator({
    port: simPort,
    ...client,
    accessTokenTtlSec: 1,
    notificationRetryDelaysMs: [200],
    seed: 1,
  });
const row = () => getDb().mttIntegration.findUniqueOrThrow({ where: { tenantId } });
// Pretend our copy of the token is fresh, so the next call uses it and meets the PBX's 401.
const trustStoredToken = () =>
  getDb().mttIntegration.update({
    where: { tenantId },
    data: { accessExpiresAt: new Date(Date.now() + 3_600_000) },
  });

beforeAll(async () => {
  edge = await startPultEdge();
  fixture = await setUpTenant({
    publicUrl: `http://localhost:${(edge.address() as AddressInfo).port}`,
  });
  tenantId = fixture.tenantId;
  simulator = await startSim(0);
  port = Number(new URL(simulator.url).port);
  simulator.registerRedirectUri(
    redirectUriFor((await ensureIntegration(tenantId)).notificationKey),
  );
  const scope = actorOf(tenantId, fixture.adminId);
  await saveCredentials(scope, {
    ...client,
    apiUrl: `${simulator.url}/vats/v1`,
    oauthUrl: simulator.url,
  });
  const { authorizeUrl } = await startConnect(scope);
  const landing = await fetch(
    await loginAtAuthorizeUrl(authorizeUrl, client.login, client.password),
  );
  expect(await landing.json()).toMatchObject({ ok: true });
});

afterAll(async () => {
  await simulator?.close();
  await new Promise((resolve) => edge?.close(resolve));
  await fixture?.teardown();
});

describe("PBX tokens", () => {
  it("refresh ahead of expiry, accepting the rotated refresh token", async () => {
    const before = await row();
    const structure = await (await getMttClient(tenantId)).getStructure();
    expect(structure.workplaces.length).toBeGreaterThan(0);
    const after = await row();
    expect(after.refreshTokenEnc).not.toBe(before.refreshTokenEnc);
    expect(after.accessTokenEnc).not.toBe(before.accessTokenEnc);
    expect(after.status).toBe("CONNECTED");
  });

  it("a token the PBX has expired is refreshed once on 401 and the call retried", async () => {
    await trustStoredToken();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const before = await row();
    await expect((await getMttClient(tenantId)).getStructure()).resolves.toMatchObject({
      workplaces: expect.any(Array) as unknown,
    });
    expect((await row()).refreshTokenEnc).not.toBe(before.refreshTokenEnc);
  });

  it("a rejected refresh turns the integration to needs re-authorization, visible to admins", async () => {
    // A new PBX process knows none of the issued tokens: the refresh token is refused.
    await simulator?.close();
    simulator = await startSim(port);
    await trustStoredToken();
    await expect((await getMttClient(tenantId)).getStructure()).rejects.toThrow();
    const view = await getIntegrationView(tenantId, null);
    expect(view.status).toBe("NEEDS_REAUTH");
    expect(view.lastError).toMatch(/Token refresh failed/);
    await expect((await getMttClient(tenantId)).getStructure()).rejects.toThrow(/re-authorization/);
  });

  it("reads the connection once for a burst of calls, and forgets it when an admin disconnects", async () => {
    // Cached from the call just made: the same answer, however the row changes behind its back.
    await expect((await getMttClient(tenantId)).getStructure()).rejects.toThrow(/re-authorization/);
    await disconnectIntegration(actorOf(tenantId, fixture?.adminId ?? ""));
    await expect((await getMttClient(tenantId)).getStructure()).rejects.toThrow(/not connected/);
  });
});
