import { forgetNotificationKeys } from "@/server/integrations/notifications";
import { forgetMttAccess } from "@/server/integrations/tokens";
import { encryptSecret } from "@/server/crypto/secret-box";
import { generatePassword } from "@/server/crypto/password";
import type { Config } from "@/server/env";
import { getDb } from "@/server/db";
import { log } from "@/server/logger";
import { ensureIntegration, redirectUriFor } from "@/server/integrations/integration";
import { startConnect } from "@/server/integrations/oauth-flow";
import { setSimulatorUrl } from "@/server/integrations/simulator-link";
import { startSimulator, type Simulator } from "@/server/pbx-simulator/simulator";
import { loginAtAuthorizeUrl } from "@/server/demo/oauth-login";
import { demoTrafficSettings } from "@/server/demo/demo-traffic";
import {
  DEMO_HISTORY_DAYS,
  demoCallerPool,
  seedDemoHistory,
  seedDemoTenant,
  type DemoSeedResult,
} from "@/server/demo/seed";
import { systemActor, userActor } from "@/server/policy/actor";
import { defaultSpeechToSimulator } from "@/server/transcripts/settings";

export type DemoState = { simulator: Simulator; seeded: DemoSeedResult | null; connected: boolean };

export async function startBundledSimulator(config: Config): Promise<Simulator | null> {
  if (!config.simulator) return null;
  const simulator = await startSimulator({
    port: config.simulator.port,
    host: "127.0.0.1",
    clientId: config.simulator.clientId,
    clientSecret: config.simulator.clientSecret,
    login: config.simulator.login,
    password: config.simulator.password,
    seed: 1,
  }).catch((error: unknown) => {
    // The console works without it; say how to fix it instead of refusing to start.
    log.warn(
      `The bundled PBX simulator could not start on port ${config.simulator?.port ?? ""}: set SIMULATOR_PORT to a free port, or PULT_SIMULATOR=0`,
      { error },
    );
    return null;
  });
  if (simulator) setSimulatorUrl(simulator.url);
  return simulator;
}

async function waitForSync(tenantId: string, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const row = await getDb().mttIntegration.findUnique({
      where: { tenantId },
      select: { lastSyncAt: true },
    });
    if (row?.lastSyncAt) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/**
 * Zero-setup demo: connect the first tenant to the in-process simulator through the real OAuth
 * flow and the real notification endpoint, seed managers and clients, and start traffic.
 * A tenant connected to something else is never touched.
 */
export async function runDemo(config: Config, simulator: Simulator): Promise<DemoState | null> {
  const db = getDb();
  const tenant = await db.tenant.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
  if (!tenant) return null;
  const integration = await ensureIntegration(tenant.id);
  const current = await db.mttIntegration.findUniqueOrThrow({
    where: { id: integration.id },
    select: { clientId: true, oauthUrl: true, lastSyncAt: true },
  });
  const isOurs = current.clientId === null || current.oauthUrl === simulator.url;
  if (!isOurs || !config.simulator || !config.pultSecret)
    return { simulator, seeded: null, connected: false };

  const admin = await db.user.findFirst({
    where: { tenantId: tenant.id, role: "ADMIN" },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  await db.mttIntegration.update({
    where: { id: integration.id },
    data: {
      clientId: config.simulator.clientId,
      clientSecretEnc: encryptSecret(config.simulator.clientSecret, config.pultSecret),
      apiUrl: `${simulator.url}/vats/v1`,
      oauthUrl: simulator.url,
      signNotifications: true,
    },
  });
  forgetNotificationKeys();
  forgetMttAccess(tenant.id);
  simulator.registerRedirectUri(redirectUriFor(integration.notificationKey));
  // The simulator keeps tokens in memory, so every start authorizes afresh, as an admin would.
  const { authorizeUrl } = await startConnect(
    admin
      ? userActor({ ...admin, tenantId: tenant.id, role: "ADMIN" }, null)
      : systemActor(tenant.id),
  );
  const returnUrl = await loginAtAuthorizeUrl(
    authorizeUrl,
    config.simulator.login,
    config.simulator.password,
  );
  const landing = await fetch(returnUrl, { redirect: "manual" });
  const location = landing.headers.get("location") ?? "";
  if (!location.includes("connected=1")) {
    log.warn("demo: could not connect to the simulator", { location });
    return { simulator, seeded: null, connected: false };
  }
  if (!(await waitForSync(tenant.id))) log.warn("demo: the structure sync is taking long");
  const seeded = await seedDemoTenant(tenant.id, { managerPassword: generatePassword() });
  // Real transcripts with no model: the simulator's OpenAI-compatible endpoint recognises the
  // phrases its recordings are made of. A company that chose its own speech settings keeps them.
  await defaultSpeechToSimulator(tenant.id, simulator.url);
  // Before traffic starts: history is seeded only while the company has no calls at all.
  const history = await seedDemoHistory(tenant.id).catch((error: unknown) => {
    log.warn("demo: could not seed the call history", { error });
    return 0;
  });
  if (history > 0) log.info(`demo: seeded ${history} calls of the last ${DEMO_HISTORY_DAYS} days`);
  if (config.demo.traffic) {
    const callerPool = await demoCallerPool(tenant.id);
    await fetch(`${simulator.url}/control/traffic`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(demoTrafficSettings(simulator.state.structure, callerPool)),
    }).catch((error: unknown) => log.warn("demo: could not start traffic", { error }));
  }
  return { simulator, seeded, connected: true };
}
