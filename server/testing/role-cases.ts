import { reportPeriod } from "@/server/testing/isolation-cases";
import type { TenantWorld } from "@/server/testing/tenant-world";
import { qualityInputs, qualityManagerLimits } from "@/server/testing/role-cases-quality";

// Who may call each tRPC procedure, as the code defines it (server/api/routers/**):
//  public     — no session (an invitation link's token is the credential)
//  member     — every signed-in user; managers see and change only their own part (checked
//               inside the domain functions, see the roles suite)
//  supervisor — supervisors and admins: routing changes, reassigning clients, reports, the
//               PBX directory
//  admin      — admins only: users, API keys, the PBX integration, company settings,
//               recording retries and the listening log
export type Access = "public" | "member" | "supervisor" | "admin";

const member = "member";
const supervisor = "supervisor";
const admin = "admin";

export const procedureAccess: Record<string, Access> = {
  "apiKeys.list": admin,
  "apiKeys.create": admin,
  "apiKeys.revoke": admin,
  "me.get": member,
  "me.setLocale": member,
  "users.list": admin,
  "users.invite": admin,
  "users.update": admin,
  "users.setStatus": admin,
  "users.regenerateInvite": admin,
  "users.linkWorkplace": admin,
  "invites.get": "public",
  "invites.accept": "public",
  "integration.get": admin,
  "integration.saveCredentials": admin,
  "integration.connect": admin,
  "integration.sync": admin,
  "integration.rejectedNotifications": admin,
  "integration.disconnect": admin,
  "directory.workplaces": supervisor,
  "directory.numbers": supervisor,
  "calls.live": member,
  "feed.health": member,
  "calls.setPresence": member,
  "calls.clientCard": member,
  "calls.history": member,
  "calls.historyFilterOptions": member,
  "calls.detail": member,
  "clients.list": member,
  "clients.get": member,
  "clients.managers": member,
  "clients.tags": member,
  "clients.create": member,
  "clients.update": member,
  "clients.setArchived": supervisor,
  "clients.assign": supervisor,
  "clients.moveAll": supervisor,
  "tasks.list": member,
  "tasks.assignees": member,
  "tasks.count": member,
  "tasks.close": member,
  "tasks.cancel": member,
  "control.status": member,
  "control.makeCall": member,
  "control.transfer": member,
  "tenant.get": admin,
  "tenant.update": admin,
  "routing.list": member,
  "routing.create": supervisor,
  "routing.update": supervisor,
  "routing.delete": supervisor,
  "routing.setEnabled": supervisor,
  "routing.move": supervisor,
  "routing.reorder": supervisor,
  "routing.addDefault": supervisor,
  "routing.test": member,
  "routing.parkExpiredToday": member,
  "recordings.list": member,
  "recordings.get": member,
  "recordings.byCall": member,
  "recordings.managers": member,
  "recordings.retry": admin,
  "recordings.auditLog": admin,
  "reports.filterOptions": supervisor,
  "reports.summary": supervisor,
  "reports.series": supervisor,
  "reports.drill": supervisor,
  "quality.templates": supervisor,
  "quality.template": supervisor,
  "quality.version": supervisor,
  "quality.saveTemplate": supervisor,
  "quality.archiveTemplate": supervisor,
  "quality.submit": supervisor,
  "quality.callEvaluations": member,
  "quality.evaluation": member,
  "quality.evaluations": member,
  "quality.acknowledge": member,
  "quality.dispute": member,
  "quality.resolveDispute": supervisor,
  "quality.calibration": supervisor,
  "quality.rules": supervisor,
  "quality.reviewers": supervisor,
  "quality.saveRule": supervisor,
  "quality.deleteRule": supervisor,
  "quality.runSampling": supervisor,
  "quality.queue": supervisor,
  "quality.next": supervisor,
  "quality.reviewItem": supervisor,
  "quality.skip": supervisor,
  "quality.report": supervisor,
  "quality.drill": supervisor,
};

const rule = (name: string) => ({
  name,
  isEnabled: true,
  conditions: { dialed: [], caller: { kind: "any" }, schedule: null },
  action: { kind: "personalManager" },
  fallbacks: [{ kind: "release" }],
});

let unique = 0;

/** A valid input naming tenant A's own data (the manager's own client, task and call). */
export function validInput(path: string, a: TenantWorld): unknown {
  unique++;
  const inputs: Record<string, unknown> = {
    "apiKeys.create": { name: `Role key ${unique}`, expiresAt: null },
    "apiKeys.revoke": { apiKeyId: a.revokedApiKey.id },
    "me.setLocale": { locale: "ru" },
    "users.invite": { email: `role-${unique}@alpha.test`, name: "Alpha Role", role: "MANAGER" },
    "users.update": { userId: a.otherManager.id, name: "Alpha Second Manager" },
    "users.setStatus": { userId: a.disabledUserId, status: "DISABLED" },
    "users.regenerateInvite": { userId: a.invitedUserId },
    "users.linkWorkplace": { userId: a.supervisor.id, workplaceId: a.workplaceIds.spare },
    "invites.get": { token: a.inviteToken },
    "invites.accept": { token: "z".repeat(43), name: "Nobody", password: "long-enough-password" },
    "integration.saveCredentials": { clientId: "alpha-pbx-client" },
    "calls.setPresence": { presence: "AVAILABLE" },
    "calls.clientCard": { callId: a.calls.live },
    "calls.history": { period: "all" },
    "calls.detail": { id: a.calls.answered },
    "clients.list": {},
    "clients.get": { clientId: a.clients.manager },
    "clients.create": { name: `Alpha Role Client ${unique}` },
    "clients.update": {
      clientId: a.clients.manager,
      name: "Alpha Client One",
      personalManagerId: a.manager.id,
      phones: [{ phone: a.phones.manager }],
    },
    "clients.setArchived": { clientId: a.clients.otherManager, isArchived: false },
    "clients.assign": { clientIds: [a.clients.otherManager], toManagerId: a.otherManager.id },
    "clients.moveAll": { fromManagerId: a.supervisor.id, toManagerId: a.otherManager.id },
    "tasks.list": { status: "OPEN" },
    "tasks.close": { taskId: a.tasks.manager },
    "tasks.cancel": { taskId: a.tasks.manager },
    "control.makeCall": { phone: "+79001234567" },
    "control.transfer": { callId: a.calls.live, target: { number: "+79001234567" } },
    "tenant.update": {
      name: "Alpha Company",
      timeZone: "Europe/Moscow",
      autoCreateClients: false,
      serviceLevelSec: 20,
      recordingRetentionDays: null,
      defaultOwnerId: null,
    },
    "routing.create": rule(`Alpha role rule ${unique}`),
    "routing.update": { ruleId: a.ruleIds[1], ...rule("Alpha desk rule") },
    "routing.delete": { ruleId: a.ruleIds[1] },
    "routing.setEnabled": { ruleId: a.ruleIds[0], isEnabled: true },
    "routing.move": { ruleId: a.ruleIds[0], direction: "down" },
    "routing.reorder": { ruleIds: a.ruleIds },
    "routing.addDefault": { locale: "ru" },
    "routing.test": { caller: a.phones.manager, dialed: a.pbxNumber },
    "recordings.list": {},
    "recordings.get": { id: a.recordings.ready },
    "recordings.byCall": { callId: a.calls.answered },
    "recordings.retry": { id: a.recordings.failed },
    "recordings.auditLog": { limit: 10 },
    "reports.summary": reportPeriod(),
    "reports.series": reportPeriod(),
    "reports.drill": { filters: reportPeriod(), figure: "all" },
    ...qualityInputs(a, unique),
  };
  return inputs[path];
}

/**
 * What a manager must not do although the procedure itself is open to every member: the domain
 * functions refuse these (FORBIDDEN), or hide what is not theirs (NOT_FOUND).
 */
export function managerLimits(a: TenantWorld) {
  return [
    {
      why: "edit the card of another manager's client",
      path: "clients.update",
      input: { clientId: a.clients.otherManager, name: "Taken over" },
      code: "FORBIDDEN",
    },
    {
      why: "give their own client to another manager",
      path: "clients.update",
      input: {
        clientId: a.clients.manager,
        name: "Alpha Client One",
        personalManagerId: a.otherManager.id,
        phones: [{ phone: a.phones.manager }],
      },
      code: "FORBIDDEN",
    },
    {
      why: "create a client for another manager",
      path: "clients.create",
      input: { name: "Gift", personalManagerId: a.otherManager.id },
      code: "FORBIDDEN",
    },
    {
      why: "close another manager's task",
      path: "tasks.close",
      input: { taskId: a.tasks.otherManager },
      code: "FORBIDDEN",
    },
    {
      why: "cancel another manager's task",
      path: "tasks.cancel",
      input: { taskId: a.tasks.otherManager },
      code: "FORBIDDEN",
    },
    {
      why: "transfer another manager's call",
      path: "control.transfer",
      input: { callId: a.calls.othersLive, target: { number: "+79001234567" } },
      code: "FORBIDDEN",
    },
    {
      why: "listen to another manager's recording",
      path: "recordings.get",
      input: { id: a.recordings.failed },
      code: "FORBIDDEN",
    },
    {
      why: "list the recordings of another manager's call",
      path: "recordings.byCall",
      input: { callId: a.calls.othersAnswered },
      code: "FORBIDDEN",
    },
    {
      why: "open another manager's call",
      path: "calls.detail",
      input: { id: a.calls.othersAnswered },
      code: "NOT_FOUND",
    },
    {
      why: "pop the client card of another manager's call",
      path: "calls.clientCard",
      input: { callId: a.calls.othersLive },
      code: "NOT_FOUND",
    },
    ...qualityManagerLimits(a),
  ] as const;
}
