import type { TRPCError } from "@trpc/server";
import { encodeCursor } from "@/server/calls/history";
import { talkIsolationSpecs } from "@/server/testing/isolation-cases-talk";
import { transcriptIsolationSpecs } from "@/server/testing/isolation-cases-transcripts";
import { qualityIsolationSpecs } from "@/server/testing/isolation-cases-quality";
import type { TenantWorld } from "@/server/testing/tenant-world";
import { webhookIsolationSpecs } from "@/server/testing/isolation-cases-webhooks";

// What tenant A's administrator sends to every tRPC procedure in the isolation suite.
//  own:     inputs naming only A's data. A query must answer exactly what it answered before
//           tenant B existed; a mutation runs once, at the end, and its answer carries nothing
//           of B.
//  foreign: inputs naming B's ids, names and numbers. Refused with one of `refuse`, or (filters
//           and searches) answered with nothing of B; `check` adds what a scan cannot see.
//  public:  the procedure takes no session; its token is the credential.

export type ForeignCase = {
  input: unknown;
  refuse?: ReadonlyArray<TRPCError["code"]>;
  check?: (value: unknown) => void;
};

export type IsolationSpec = {
  own?: (a: TenantWorld) => unknown[];
  foreign?: (a: TenantWorld, b: TenantWorld) => ForeignCase[];
  isPublic?: true;
};

const NONE = [undefined];
const NOT_FOUND = ["NOT_FOUND"] as const;
const INVALID = ["BAD_REQUEST"] as const;

function localDate(offsetDays: number, timeZone = "Europe/Moscow"): string {
  const at = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone }).format(at);
}

export const reportPeriod = () => ({ from: localDate(-1), to: localDate(0) });

const rule = (action: unknown, fallbacks: unknown[] = [{ kind: "release" }]) => ({
  name: "Isolation rule",
  isEnabled: true,
  conditions: { dialed: [], caller: { kind: "any" }, schedule: null },
  action,
  fallbacks,
});

const tenantSettings = (defaultOwnerId: string) => ({
  name: "Alpha Company",
  timeZone: "Europe/Moscow",
  autoCreateClients: false,
  serviceLevelSec: 20,
  recordingRetentionDays: null,
  defaultOwnerId,
});

function expectTransferRefused(value: unknown): void {
  const result = value as { ok?: boolean; reason?: string };
  if (result.ok !== false || result.reason !== "workplace_unknown")
    throw new Error(`transfer to another company's workplace answered ${JSON.stringify(value)}`);
}

// Counts carry no names: a filter on B's managers or numbers must count nothing at all.
function expectNothingCounted(value: unknown): void {
  const report = value as {
    total?: number | { incoming?: number; outgoing?: number };
    series?: Array<{ answered: number; missed: number; outgoing: number }>;
    heat?: Array<{ incoming: number }>;
    calls?: unknown[];
  };
  const counted = [
    report.total && typeof report.total === "object"
      ? (report.total.incoming ?? 0) + (report.total.outgoing ?? 0)
      : 0,
    typeof report.total === "number" ? report.total : 0,
    ...(report.series ?? []).map((p) => p.answered + p.missed + p.outgoing),
    ...(report.heat ?? []).map((h) => h.incoming),
    report.calls?.length ?? 0,
  ].reduce((sum, n) => sum + n, 0);
  if (counted !== 0) throw new Error(`counted another company's calls: ${JSON.stringify(value)}`);
}

export const isolationSpecs: Record<string, IsolationSpec> = {
  ...talkIsolationSpecs(reportPeriod),
  ...transcriptIsolationSpecs,
  "apiKeys.list": { own: () => NONE },
  "apiKeys.create": { own: () => [{ name: "Isolation key", expiresAt: null }] },
  "apiKeys.revoke": {
    foreign: (_a, b) => [{ input: { apiKeyId: b.apiKey.id }, refuse: NOT_FOUND }],
  },
  ...webhookIsolationSpecs,
  "me.get": { own: () => NONE },
  "me.setLocale": { own: () => [{ locale: "en" }] },
  "users.list": { own: () => NONE },
  "users.invite": {
    own: () => [{ email: "fresh@alpha.test", name: "Alpha Fresh", role: "MANAGER" }],
    // An address with an account in another company is invited exactly like a fresh one
    // (issue 15, hole 10): the answer tells nothing of the other company, and such an invite can
    // never be accepted (users.int.test.ts). B's manager stays untouched (the snapshot check).
    foreign: (_a, b) => [
      {
        input: { email: b.manager.email, name: "Copy", role: "MANAGER" },
        check: (value) => {
          const answer = value as { userId?: unknown; inviteUrl?: unknown };
          if (typeof answer.userId !== "string" || answer.userId === b.manager.id)
            throw new Error(`not a fresh invite: ${JSON.stringify(value)}`);
          if (typeof answer.inviteUrl !== "string") throw new Error("no invite link");
        },
      },
    ],
  },
  "users.update": {
    foreign: (_a, b) => [
      { input: { userId: b.manager.id, name: "Hijacked" }, refuse: NOT_FOUND },
      { input: { userId: b.admin.id, role: "MANAGER" }, refuse: NOT_FOUND },
    ],
  },
  "users.setStatus": {
    foreign: (_a, b) => [
      { input: { userId: b.manager.id, status: "DISABLED" }, refuse: NOT_FOUND },
    ],
  },
  "users.regenerateInvite": {
    foreign: (_a, b) => [{ input: { userId: b.invitedUserId }, refuse: NOT_FOUND }],
  },
  "users.linkWorkplace": {
    foreign: (a, b) => [
      { input: { userId: b.manager.id, workplaceId: null }, refuse: NOT_FOUND },
      { input: { userId: a.supervisor.id, workplaceId: b.workplaceIds.spare }, refuse: NOT_FOUND },
    ],
  },
  "invites.get": {
    isPublic: true,
    foreign: () => [{ input: { token: "x".repeat(43) }, refuse: NOT_FOUND }],
  },
  "invites.accept": {
    isPublic: true,
    foreign: () => [
      {
        input: { token: "y".repeat(43), name: "Intruder", password: "long-enough-password" },
        refuse: NOT_FOUND,
      },
    ],
  },
  "integration.get": { own: () => NONE },
  "integration.saveCredentials": {
    own: () => [{ clientId: "alpha-new-client", signNotifications: true }],
  },
  "integration.connect": { own: () => NONE },
  "integration.sync": { own: () => NONE },
  "integration.rejectedNotifications": { own: () => NONE },
  "integration.disconnect": { own: () => NONE },
  "directory.workplaces": { own: () => NONE },
  "directory.numbers": { own: () => NONE },
  "calls.live": { own: () => NONE },
  "feed.health": { own: () => NONE },
  "calls.setPresence": { own: () => [{ presence: "BREAK" }] },
  "calls.clientCard": {
    own: (a) => [{ callId: a.calls.othersLive }],
    foreign: (_a, b) => [
      { input: { callId: b.calls.live }, refuse: NOT_FOUND },
      { input: { callId: b.calls.othersLive }, refuse: NOT_FOUND },
    ],
  },
  "calls.history": {
    own: () => [{ period: "all" }],
    foreign: (_a, b) => [
      { input: { period: "all", managerId: b.manager.id } },
      { input: { period: "all", clientId: b.clients.manager } },
      { input: { period: "all", q: b.phones.manager } },
      { input: { period: "all", number: b.pbxNumber } },
      { input: { period: "all", client: `${b.label} Client` } },
      {
        input: {
          period: "all",
          cursor: encodeCursor({ startedAt: new Date(), id: b.calls.answered }),
        },
      },
    ],
  },
  "calls.historyFilterOptions": { own: () => NONE },
  "calls.detail": {
    own: (a) => [{ id: a.calls.answered }],
    foreign: (_a, b) => [{ input: { id: b.calls.answered }, refuse: NOT_FOUND }],
  },
  "clients.list": {
    own: () => [{}],
    foreign: (_a, b) => [
      { input: { managerId: b.manager.id } },
      { input: { query: `${b.label} Client` } },
      { input: { query: b.phones.manager } },
      { input: { tag: `${b.label.toLowerCase()}-tag` } },
      // Prisma would page from B's row's place among A's: an oracle on B's names.
      { input: { cursor: b.clients.manager }, refuse: INVALID },
    ],
  },
  "clients.get": {
    own: (a) => [{ clientId: a.clients.manager }],
    foreign: (_a, b) => [{ input: { clientId: b.clients.manager }, refuse: NOT_FOUND }],
  },
  "clients.managers": { own: () => NONE },
  "clients.tags": { own: () => NONE },
  "clients.create": {
    foreign: (_a, b) => [
      { input: { name: "Poached", personalManagerId: b.manager.id }, refuse: INVALID },
      // Each company owns its numbers: B's client's number is free in A, and B's client's name
      // must not come back as "already belongs to".
      { input: { name: "Alpha Same Number", phones: [{ phone: b.phones.manager }] } },
    ],
  },
  "clients.update": {
    foreign: (a, b) => [
      { input: { clientId: b.clients.manager, name: "Hijacked" }, refuse: NOT_FOUND },
      {
        input: {
          clientId: a.clients.manager,
          name: "Alpha Client One",
          personalManagerId: b.manager.id,
        },
        refuse: INVALID,
      },
    ],
  },
  "clients.setArchived": {
    foreign: (_a, b) => [
      { input: { clientId: b.clients.manager, isArchived: true }, refuse: NOT_FOUND },
    ],
  },
  "clients.assign": {
    foreign: (a, b) => [
      { input: { clientIds: [b.clients.manager], toManagerId: a.manager.id }, refuse: NOT_FOUND },
      { input: { clientIds: [b.clients.manager], toManagerId: null }, refuse: NOT_FOUND },
      {
        input: { clientIds: [a.clients.otherManager], toManagerId: b.manager.id },
        refuse: INVALID,
      },
    ],
  },
  "clients.moveAll": {
    foreign: (a, b) => [
      { input: { fromManagerId: b.manager.id, toManagerId: a.manager.id }, refuse: INVALID },
      { input: { fromManagerId: a.otherManager.id, toManagerId: b.manager.id }, refuse: INVALID },
    ],
  },
  "tasks.list": {
    own: () => [{ status: "OPEN", assignee: "all" }],
    foreign: (_a, b) => [
      { input: { assignee: b.manager.id } },
      { input: { assignee: "all", cursor: b.tasks.manager }, refuse: INVALID },
    ],
  },
  "tasks.assignees": { own: () => NONE },
  "tasks.count": { own: () => NONE },
  "tasks.close": {
    foreign: (_a, b) => [{ input: { taskId: b.tasks.manager }, refuse: NOT_FOUND }],
  },
  "tasks.cancel": {
    foreign: (_a, b) => [{ input: { taskId: b.tasks.otherManager }, refuse: NOT_FOUND }],
  },
  "control.status": { own: () => NONE },
  "control.makeCall": {
    foreign: (_a, b) => [
      { input: { phone: "+79001234567", clientId: b.clients.manager }, refuse: NOT_FOUND },
      { input: { phone: "+79001234567", taskId: b.tasks.manager }, refuse: NOT_FOUND },
    ],
  },
  "control.transfer": {
    foreign: (a, b) => [
      { input: { callId: b.calls.live, target: { number: "+79001234567" } }, refuse: NOT_FOUND },
      {
        input: { callId: a.calls.live, target: { workplaceId: b.workplaceIds.spare } },
        check: expectTransferRefused,
      },
    ],
  },
  "tenant.get": { own: () => NONE },
  "tenant.update": {
    own: (a) => [tenantSettings(a.manager.id)],
    foreign: (_a, b) => [{ input: tenantSettings(b.manager.id), refuse: INVALID }],
  },
  "routing.list": { own: () => NONE },
  "routing.create": {
    foreign: (a, b) => [
      { input: rule({ kind: "workplace", workplaceId: b.workplaceIds.manager }), refuse: INVALID },
      {
        input: rule({
          kind: "group",
          name: "Mixed",
          workplaceIds: [a.workplaceIds.manager, b.workplaceIds.manager],
          strategy: "roundRobin",
        }),
        refuse: INVALID,
      },
      {
        input: rule({ kind: "personalManager" }, [
          { kind: "workplace", workplaceId: b.workplaceIds.spare },
        ]),
        refuse: INVALID,
      },
    ],
  },
  "routing.update": {
    foreign: (a, b) => [
      { input: { ruleId: b.ruleIds[0], ...rule({ kind: "release" }) }, refuse: NOT_FOUND },
      {
        input: {
          ruleId: a.ruleIds[1],
          ...rule({ kind: "workplace", workplaceId: b.workplaceIds.manager }),
        },
        refuse: INVALID,
      },
    ],
  },
  "routing.delete": {
    foreign: (_a, b) => [{ input: { ruleId: b.ruleIds[0] }, refuse: NOT_FOUND }],
  },
  "routing.setEnabled": {
    foreign: (_a, b) => [{ input: { ruleId: b.ruleIds[1], isEnabled: false }, refuse: NOT_FOUND }],
  },
  "routing.move": {
    foreign: (_a, b) => [{ input: { ruleId: b.ruleIds[1], direction: "up" }, refuse: NOT_FOUND }],
  },
  "routing.reorder": {
    foreign: (a, b) => [
      { input: { ruleIds: [...b.ruleIds].reverse() }, refuse: ["CONFLICT"] },
      { input: { ruleIds: [...a.ruleIds, ...b.ruleIds] }, refuse: ["CONFLICT"] },
    ],
  },
  "routing.addDefault": { own: () => [{ locale: "en" }] },
  "routing.test": {
    own: (a) => [{ caller: a.phones.manager, dialed: a.pbxNumber }],
    foreign: (_a, b) => [{ input: { caller: b.phones.manager, dialed: b.pbxNumber } }],
  },
  "routing.parkExpiredToday": { own: () => NONE },
  "recordings.list": {
    own: () => [{}],
    foreign: (_a, b) => [
      { input: { managerId: b.manager.id } },
      { input: { clientId: b.clients.manager } },
      { input: { number: b.phones.manager } },
      { input: { client: `${b.label} Client` } },
      { input: { cursor: b.recordings.ready }, refuse: INVALID },
    ],
  },
  "recordings.get": {
    own: (a) => [{ id: a.recordings.ready }],
    foreign: (_a, b) => [{ input: { id: b.recordings.ready }, refuse: NOT_FOUND }],
  },
  "recordings.byCall": {
    own: (a) => [{ callId: a.calls.answered }],
    foreign: (_a, b) => [{ input: { callId: b.calls.answered }, refuse: NOT_FOUND }],
  },
  "recordings.managers": { own: () => NONE },
  "recordings.retry": {
    foreign: (_a, b) => [{ input: { id: b.recordings.failed }, refuse: NOT_FOUND }],
  },
  "recordings.auditLog": {
    own: () => [{ limit: 100 }],
    foreign: (_a, b) => [{ input: { limit: 100, cursor: b.playAuditId }, refuse: INVALID }],
  },
  "reports.filterOptions": { own: () => NONE },
  "reports.summary": {
    own: () => [reportPeriod()],
    foreign: (_a, b) => [
      {
        input: { ...reportPeriod(), managerIds: [b.manager.id], numbers: [b.pbxNumber] },
        check: expectNothingCounted,
      },
    ],
  },
  "reports.series": {
    own: () => [reportPeriod()],
    foreign: (_a, b) => [
      {
        input: { ...reportPeriod(), managerIds: [b.manager.id], numbers: [b.pbxNumber] },
        check: expectNothingCounted,
      },
    ],
  },
  "reports.drill": {
    own: () => [{ filters: reportPeriod(), figure: "all" }],
    foreign: (_a, b) => [
      {
        input: {
          filters: { ...reportPeriod(), managerIds: [b.manager.id] },
          figure: "all",
          slice: { manager: b.manager.id },
        },
        check: expectNothingCounted,
      },
      {
        input: { filters: { ...reportPeriod(), numbers: [b.pbxNumber] }, figure: "incoming" },
        check: expectNothingCounted,
      },
    ],
  },
  ...qualityIsolationSpecs,
};
