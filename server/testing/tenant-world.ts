// Test support for the access suites (tenant isolation, roles, /api/v1, sockets): one company
// with people of every role, PBX structure, clients, calls that arrived as signed PBX
// notifications, recordings, tasks, routing rules, API keys and an integration. Everything is
// named after the company's label, so a response can be scanned for another company's data.
import { createApiKey, revokeApiKey } from "@/server/api-keys/api-keys";
import type { SessionUser } from "@/server/auth/session-user";
import { writeAudit } from "@/server/audit/audit";
import { requirePultSecret } from "@/server/config";
import { encryptSecret } from "@/server/crypto/secret-box";
import { getDb } from "@/server/db";
import { applyStructure } from "@/server/directory/sync";
import { ensureIntegration, saveCredentials } from "@/server/integrations/integration";
import { createDefaultRules, createRule } from "@/server/routing/service";
import { inviteUser } from "@/server/users/users";
import { playCalls } from "@/server/testing/tenant-world-calls";
import { seedTranscript } from "@/server/testing/tenant-world-transcripts";
import {
  qualityMarkers,
  seedQuality,
  type QualityWorld,
} from "@/server/testing/tenant-world-quality";
import { actorOf } from "@/server/testing/actors";
import { forgetMttAccess } from "@/server/integrations/tokens";

export type TenantWorld = {
  label: string;
  tenantId: string;
  tenantName: string;
  admin: SessionUser;
  supervisor: SessionUser;
  manager: SessionUser;
  otherManager: SessionUser;
  invitedUserId: string;
  inviteToken: string;
  disabledUserId: string;
  workplaceIds: { admin: string; manager: string; otherManager: string; spare: string };
  pbxNumber: string;
  clients: { manager: string; otherManager: string };
  phones: { manager: string; otherManager: string; unknown: string };
  calls: {
    answered: string;
    othersAnswered: string;
    missed: string;
    othersMissed: string;
    live: string;
    othersLive: string;
  };
  recordings: { ready: string; failed: string };
  /** The listening log's entry for the ready recording. */
  playAuditId: string;
  tasks: { manager: string; otherManager: string };
  ruleIds: string[];
  apiKey: { id: string; key: string };
  /** A webhook endpoint with one failed delivery in its log. */
  webhook: { endpointId: string; deliveryId: string };
  revokedApiKey: { id: string; key: string };
  notificationKey: string;
  pbxSecret: string;
  quality: QualityWorld;
  /** Ids and names that exist only in this company: none may appear in another's answers. */
  markers: string[];
};

type Seed = {
  label: string;
  /** The digit that makes this company's phone numbers its own (1–8). */
  digit: number;
  /** Routing decisions the PBX timed out today (park expired), to tell the counts apart. */
  parkTimeouts: 1 | 2;
  /** An existing company and its administrator (the fixture's first tenant). */
  existing?: { tenantId: string; adminId: string };
};

async function person(
  tenantId: string,
  role: SessionUser["role"],
  name: string,
  email: string,
  workplaceId: string | null = null,
): Promise<SessionUser> {
  const user = await getDb().user.create({
    data: { tenantId, email, name, role, status: "ACTIVE", workplaceId },
    select: { id: true, email: true, name: true, role: true, tenantId: true },
  });
  return { ...user, locale: null };
}

async function company(seed: Seed, tag: string): Promise<{ tenantId: string; admin: SessionUser }> {
  const db = getDb();
  if (seed.existing) {
    const { tenantId, adminId } = seed.existing;
    await db.tenant.update({ where: { id: tenantId }, data: { name: `${seed.label} Company` } });
    const admin = await db.user.update({
      where: { id: adminId },
      data: { name: `${seed.label} Admin` },
      select: { id: true, email: true, name: true, role: true, tenantId: true },
    });
    return { tenantId, admin: { ...admin, locale: null } };
  }
  const tenant = await db.tenant.create({
    data: { name: `${seed.label} Company` },
    select: { id: true },
  });
  await db.$transaction((tx) => createDefaultRules(tx, tenant.id));
  const admin = await person(tenant.id, "ADMIN", `${seed.label} Admin`, `admin@${tag}.test`);
  return { tenantId: tenant.id, admin };
}

export async function seedTenantWorld(seed: Seed): Promise<TenantWorld> {
  const db = getDb();
  const tag = seed.label.toLowerCase();
  const { tenantId, admin } = await company(seed, tag);
  const scope = actorOf(tenantId, admin.id);
  const d = seed.digit;
  const pbxSecret = `${tag}-pbx-secret-0123456789`;
  const { notificationKey } = await ensureIntegration(tenantId);
  await saveCredentials(scope, {
    clientId: `${tag}-pbx-client`,
    clientSecret: pbxSecret,
    apiUrl: "http://127.0.0.1:9/vats/v1",
    oauthUrl: "http://127.0.0.1:9",
    signNotifications: true,
  });
  // Calls can be placed and transferred only while connected; no PBX answers on port 9.
  await db.mttIntegration.update({ where: { tenantId }, data: { status: "CONNECTED" } });
  forgetMttAccess(tenantId);
  const wp = (name: string) => ({
    externalId: `${tag}-wp-${name}`,
    name: `${seed.label} desk ${name}`,
    extension: `${d}0${name.length}`,
    distribution: "all" as const,
    terminals: [],
  });
  const pbxNumber = `+749${d}${d}000001`;
  await applyStructure(tenantId, {
    version: `${tag}-1`,
    workplaces: [wp("admin"), wp("manager"), wp("other"), wp("spare")],
    numbers: [
      {
        e164: pbxNumber,
        kind: "city",
        label: `${seed.label} main line`,
        parking: false,
        workplaceExternalIds: [`${tag}-wp-manager`, `${tag}-wp-other`],
      },
    ],
  });
  const desks = await db.workplace.findMany({
    where: { tenantId },
    select: { id: true, externalId: true },
  });
  const desk = (name: string) => desks.find((w) => w.externalId === `${tag}-wp-${name}`)?.id ?? "";
  await db.user.update({ where: { id: admin.id }, data: { workplaceId: desk("admin") } });

  const supervisor = await person(
    tenantId,
    "SUPERVISOR",
    `${seed.label} Supervisor`,
    `sup@${tag}.test`,
  );
  const manager = await person(
    tenantId,
    "MANAGER",
    `${seed.label} Manager`,
    `manager@${tag}.test`,
    desk("manager"),
  );
  const otherManager = await person(
    tenantId,
    "MANAGER",
    `${seed.label} Second Manager`,
    `second@${tag}.test`,
    desk("other"),
  );
  const disabled = await db.user.create({
    data: {
      tenantId,
      email: `gone@${tag}.test`,
      name: `${seed.label} Former`,
      role: "MANAGER",
      status: "DISABLED",
    },
    select: { id: true },
  });
  const invite = await inviteUser(
    scope,
    { email: `new@${tag}.test`, name: `${seed.label} Invitee`, role: "MANAGER" },
    "http://localhost:3000",
  );

  const phones = {
    manager: `+7900${d}${d}00001`,
    otherManager: `+7900${d}${d}00002`,
    unknown: `+7900${d}${d}00009`,
  };
  const client = async (name: string, phone: string, personalManagerId: string) =>
    (
      await db.client.create({
        data: {
          tenantId,
          name,
          company: `${seed.label} Client Co`,
          tags: [`${tag}-tag`],
          personalManagerId,
          phones: { create: { tenantId, e164: phone } },
        },
        select: { id: true },
      })
    ).id;
  const clients = {
    manager: await client(`${seed.label} Client One`, phones.manager, manager.id),
    otherManager: await client(`${seed.label} Client Two`, phones.otherManager, otherManager.id),
  };

  const calls = await playCalls({ tenantId, tag, pbxNumber, phones, notificationKey, pbxSecret });

  const recording = (callId: string) =>
    db.recording.findFirstOrThrow({ where: { tenantId, callId }, select: { id: true } });
  const recordings = {
    ready: (await recording(calls.answered)).id,
    failed: (await recording(calls.othersAnswered)).id,
  };
  await db.recording.update({ where: { id: recordings.ready }, data: { status: "READY" } });
  await db.recording.update({
    where: { id: recordings.failed },
    data: { status: "FAILED", error: `${seed.label} download failed` },
  });
  // Talk analytics of the stored recording.
  await db.callTalkStats.create({
    data: {
      tenantId,
      callId: calls.answered,
      recordingId: recordings.ready,
      status: "READY",
      channels: 2,
      durationSec: 30,
      longestSilenceSec: 4,
      talkRatio: 0.6,
      segments: {
        lanes: [
          [1000, 5000],
          [6000, 9000],
        ],
      },
    },
  });
  await seedTranscript(tenantId, seed.label, calls.answered, recordings.ready);
  await writeAudit(db, {
    tenantId,
    actorUserId: manager.id,
    action: "recording.play",
    targetType: "recording",
    targetId: recordings.ready,
  });
  const playAudit = await db.auditLog.findFirstOrThrow({
    where: { tenantId, action: "recording.play" },
    select: { id: true },
  });
  const timedOut = [calls.missed, calls.othersMissed].slice(0, seed.parkTimeouts);
  for (const callId of timedOut) {
    await db.routingDecision.create({
      data: { tenantId, callId, outcome: "TIMEOUT", explanation: [], decidedInMs: 5000 },
    });
  }

  const task = async (assigneeId: string) =>
    (
      await db.task.findFirstOrThrow({
        where: { tenantId, assigneeId, status: "OPEN" },
        select: { id: true },
      })
    ).id;
  const tasks = { manager: await task(manager.id), otherManager: await task(otherManager.id) };

  await createRule(scope, {
    name: `${seed.label} desk rule`,
    isEnabled: true,
    conditions: { dialed: [pbxNumber], caller: { kind: "any" }, schedule: null },
    action: { kind: "workplace", workplaceId: desk("manager") },
    fallbacks: [{ kind: "release" }],
  });
  const ruleIds = (
    await db.routingRule.findMany({
      where: { tenantId },
      orderBy: { position: "asc" },
      select: { id: true },
    })
  ).map((r) => r.id);

  const created = await createApiKey(scope, { name: `${seed.label} CRM`, expiresAt: null });
  const revoked = await createApiKey(scope, { name: `${seed.label} old CRM`, expiresAt: null });
  await revokeApiKey(scope, revoked.apiKey.id);
  const webhook = await webhookOf(tenantId, seed.label);

  const quality = await seedQuality({ label: seed.label, tenantId, supervisor, calls });

  const world: Omit<TenantWorld, "markers"> = {
    label: seed.label,
    tenantId,
    tenantName: `${seed.label} Company`,
    admin,
    supervisor,
    manager,
    otherManager,
    invitedUserId: invite.userId,
    inviteToken: invite.inviteUrl.split("/invite/")[1] ?? "",
    disabledUserId: disabled.id,
    workplaceIds: {
      admin: desk("admin"),
      manager: desk("manager"),
      otherManager: desk("other"),
      spare: desk("spare"),
    },
    pbxNumber,
    clients,
    phones,
    calls,
    recordings,
    playAuditId: playAudit.id,
    tasks,
    ruleIds,
    apiKey: { id: created.apiKey.id, key: created.key },
    revokedApiKey: { id: revoked.apiKey.id, key: revoked.key },
    webhook,
    notificationKey,
    pbxSecret,
    quality,
  };
  return { ...world, markers: await markersOf(world, created.apiKey.prefix) };
}

async function webhookOf(tenantId: string, label: string) {
  const db = getDb();
  const endpoint = await db.webhookEndpoint.create({
    data: {
      tenantId,
      url: `https://crm.${label.toLowerCase()}.example/hooks`,
      description: `${label} CRM hooks`,
      events: ["call.ended"],
      secretEnc: encryptSecret(`whsec_${label}`, requirePultSecret()),
    },
    select: { id: true },
  });
  const message = await db.webhookMessage.create({
    data: { tenantId, type: "call.ended", body: JSON.stringify({ label }) },
    select: { id: true },
  });
  const delivery = await db.webhookDelivery.create({
    data: {
      tenantId,
      endpointId: endpoint.id,
      messageId: message.id,
      status: "FAILED",
      attempts: 1,
    },
    select: { id: true },
  });
  return { endpointId: endpoint.id, deliveryId: delivery.id };
}

async function markersOf(world: Omit<TenantWorld, "markers">, keyPrefix: string) {
  const label = world.label;
  const tag = label.toLowerCase();
  const ids = (
    await getDb().$queryRaw<Array<{ id: string }>>`
    SELECT id::text FROM users WHERE tenant_id = ${world.tenantId}::uuid
    UNION ALL SELECT id::text FROM clients WHERE tenant_id = ${world.tenantId}::uuid
    UNION ALL SELECT id::text FROM calls WHERE tenant_id = ${world.tenantId}::uuid
    UNION ALL SELECT id::text FROM recordings WHERE tenant_id = ${world.tenantId}::uuid
    UNION ALL SELECT id::text FROM call_talk_stats WHERE tenant_id = ${world.tenantId}::uuid
    UNION ALL SELECT id::text FROM transcripts WHERE tenant_id = ${world.tenantId}::uuid
    UNION ALL SELECT id::text FROM transcript_segments WHERE tenant_id = ${world.tenantId}::uuid
    UNION ALL SELECT id::text FROM tasks WHERE tenant_id = ${world.tenantId}::uuid
    UNION ALL SELECT id::text FROM workplaces WHERE tenant_id = ${world.tenantId}::uuid
    UNION ALL SELECT id::text FROM routing_rules WHERE tenant_id = ${world.tenantId}::uuid
    UNION ALL SELECT id::text FROM api_keys WHERE tenant_id = ${world.tenantId}::uuid
    UNION ALL SELECT id::text FROM webhook_endpoints WHERE tenant_id = ${world.tenantId}::uuid
    UNION ALL SELECT id::text FROM webhook_deliveries WHERE tenant_id = ${world.tenantId}::uuid
    UNION ALL SELECT id::text FROM audit_logs WHERE tenant_id = ${world.tenantId}::uuid`
  ).map((r) => r.id);
  const digits = (phone: string) => phone.slice(1);
  return [
    world.tenantId,
    ...ids,
    ...(await qualityMarkers(world.tenantId)),
    label,
    `@${tag}.test`,
    `${tag}-`,
    world.pbxNumber,
    digits(world.pbxNumber),
    ...Object.values(world.phones).map(digits),
    world.notificationKey,
    world.inviteToken,
    world.apiKey.key,
    keyPrefix,
    world.pbxSecret,
  ];
}
