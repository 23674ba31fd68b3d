import { getDb } from "@/server/db";
import { log } from "@/server/logger";
import {
  closeBus,
  ensureBus,
  publishInvalidation,
  type Invalidation,
} from "@/server/bus/invalidation-bus";
import {
  createMemoryCursor,
  type ClientInfo,
  type RoundRobinCursor,
  type RoutingSnapshot,
  type SnapshotRule,
  type UserInfo,
  type WorkplaceInfo,
} from "@/server/routing/engine";
import { parseStoredRule } from "@/server/routing/rules";
import { loadCrmLookup, type CrmLookupConfig } from "@/server/routing/crm-lookup";

// The in-memory routing state of each tenant. Parts are reloaded only when marked dirty:
// rules and staff are small and reload whole; clients reload by id (a full load of 100,000
// phones is one raw query, done once); calls (who is busy, when each workplace was last free)
// are one indexed query over the calls that have not ended.

export type { InvalidationPart } from "@/server/bus/invalidation-bus";

type Parts = "rules" | "staff" | "calls";
type TenantState = {
  tenantId: string;
  timeZone: string;
  rules: SnapshotRule[];
  phones: Map<string, ClientInfo>;
  phonesByClient: Map<string, string[]>;
  workplaces: Map<string, WorkplaceInfo>;
  workplacesByExternalId: Map<string, WorkplaceInfo>;
  users: Map<string, UserInfo>;
  userIdsByEmail: Map<string, string>;
  crm: CrmLookupConfig | null;
  busyWorkplaces: Set<string>;
  busyUsers: Set<string>;
  lastEndByWorkplace: Map<string, number>;
  dirty: Set<Parts>;
  dirtyClients: Set<string> | "all";
  loadedAt: Record<Parts | "clients", number>;
  refreshing: Promise<void> | null;
  cursor: RoundRobinCursor;
  // Workplaces just chosen, until the PBX's callDelivered makes them busy in the database.
  reserved: Map<string, number>;
};

type Holder = { __pultRoutingSnapshots?: Map<string, Promise<TenantState>> };
const holder = globalThis as unknown as Holder;
const states = () => (holder.__pultRoutingSnapshots ??= new Map<string, Promise<TenantState>>());

// With the channel down, re-read small parts at most this old, and clients less often.
const UNHEALTHY_MAX_AGE_MS = 1_000;
const UNHEALTHY_CLIENTS_MAX_AGE_MS = 30_000;
// Calls held as in progress from before this process started count as busy only once the start
// check (server/integrations/live-calls-check.ts) has asked the PBX about them.
let distrustedBefore: Date | null = null;

function applyInvalidation(state: TenantState, message: Invalidation): void {
  const { part } = message;
  if (part === "all") {
    state.dirty = new Set(["rules", "staff", "calls"]);
    state.dirtyClients = "all";
    return;
  }
  if (part === "clients") {
    if (!message.clientIds || state.dirtyClients === "all") state.dirtyClients = "all";
    else message.clientIds.forEach((id) => (state.dirtyClients as Set<string>).add(id));
    return;
  }
  state.dirty.add(part);
}

function onMessage(message: Invalidation): void {
  for (const [tenantId, pending] of states()) {
    if (message.tenantId !== "*" && message.tenantId !== tenantId) continue;
    void pending
      .then((state: TenantState) => applyInvalidation(state, message))
      .catch(() => undefined);
  }
}

// Calls change many times a second: tell other instances at most every 100 ms per tenant.
const CALLS_THROTTLE_MS = 100;
const callsTimers = new Map<string, NodeJS.Timeout>();

/**
 * Marks part of a tenant's snapshot stale here and on every other instance. Call it after the
 * change commits. clientIds narrows a "clients" change to those clients (omit for bulk/unknown).
 */
export function invalidateRouting(
  tenantId: string,
  part: Invalidation["part"],
  opts: { clientIds?: string[] } = {},
): void {
  const message: Invalidation = { tenantId, part, clientIds: opts.clientIds };
  onMessage(message);
  if (part !== "calls") return publishInvalidation(message);
  if (callsTimers.has(tenantId)) return;
  callsTimers.set(
    tenantId,
    setTimeout(() => {
      callsTimers.delete(tenantId);
      publishInvalidation(message);
    }, CALLS_THROTTLE_MS).unref(),
  );
}

/**
 * From now on calls whose last event is older than `before` do not make anyone busy, until
 * `distrustCallsBefore(null)`: at start, before the PBX has said which of them are still up.
 */
export function distrustCallsBefore(before: Date | null): void {
  distrustedBefore = before;
  onMessage({ tenantId: "*", part: "calls" });
}

/** After a client's phones, tags, VIP flag or personal manager change (or its deletion). */
export const invalidateClients = (tenantId: string, clientIds?: string[]) =>
  invalidateRouting(tenantId, "clients", { clientIds });
/** After presence, a user's workplace link, a user's status, or the workplace list changes. */
export const invalidateStaff = (tenantId: string) => invalidateRouting(tenantId, "staff");
/** After a call's state changes (every stored call notification). */
export const invalidateCalls = (tenantId: string) => invalidateRouting(tenantId, "calls");
/** After a routing rule or the tenant's time zone changes. */
export const invalidateRules = (tenantId: string) => invalidateRouting(tenantId, "rules");

async function loadRules(state: TenantState): Promise<void> {
  const db = getDb();
  const [tenant, rows] = await Promise.all([
    db.tenant.findUniqueOrThrow({ where: { id: state.tenantId }, select: { timeZone: true } }),
    db.routingRule.findMany({
      where: { tenantId: state.tenantId },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: {
        id: true,
        name: true,
        isEnabled: true,
        conditions: true,
        action: true,
        fallbacks: true,
      },
    }),
  ]);
  state.timeZone = tenant.timeZone;
  state.crm = await loadCrmLookup(state.tenantId);
  state.rules = rows.map((row) => {
    const rule = parseStoredRule(row);
    if (!rule.isValid) log.warn("routing rule does not parse; treated as disabled", { id: row.id });
    return rule;
  });
}

async function loadStaff(state: TenantState): Promise<void> {
  const db = getDb();
  const [workplaces, users] = await Promise.all([
    db.workplace.findMany({
      where: { tenantId: state.tenantId, archivedAt: null },
      select: { id: true, externalId: true, name: true },
    }),
    db.user.findMany({
      where: { tenantId: state.tenantId, status: "ACTIVE" },
      select: { id: true, name: true, email: true, presence: true, workplaceId: true },
    }),
  ]);
  const userByWorkplace = new Map(
    users.flatMap((u) => (u.workplaceId ? [[u.workplaceId, u.id]] : [])),
  );
  state.workplaces = new Map(
    workplaces.map((w) => [w.id, { ...w, userId: userByWorkplace.get(w.id) ?? null }]),
  );
  state.workplacesByExternalId = new Map(
    [...state.workplaces.values()].map((w) => [w.externalId, w]),
  );
  state.users = new Map(users.map(({ email: _email, ...u }) => [u.id, u]));
  state.userIdsByEmail = new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
}

async function loadCalls(state: TenantState): Promise<void> {
  const db = getDb();
  const tenantId = state.tenantId;
  const [active, ended] = await Promise.all([
    db.$queryRaw<Array<{ workplace_id: string | null; manager_id: string | null }>>`
      SELECT workplace_id::text, manager_id::text FROM calls
      WHERE tenant_id = ${tenantId}::uuid AND state <> 'ENDED'
        AND (${distrustedBefore}::timestamptz IS NULL OR last_event_at >= ${distrustedBefore})
        AND (workplace_id IS NOT NULL OR manager_id IS NOT NULL)`,
    db.$queryRaw<Array<{ workplace_id: string; last_end: Date }>>`
      SELECT workplace_id::text, max(ended_at) AS last_end FROM calls
      WHERE tenant_id = ${tenantId}::uuid AND started_at > now() - interval '1 day'
        AND workplace_id IS NOT NULL AND ended_at IS NOT NULL
      GROUP BY workplace_id`,
  ]);
  state.busyWorkplaces = new Set(active.flatMap((r) => (r.workplace_id ? [r.workplace_id] : [])));
  state.busyUsers = new Set(active.flatMap((r) => (r.manager_id ? [r.manager_id] : [])));
  state.lastEndByWorkplace = new Map(ended.map((r) => [r.workplace_id, r.last_end.getTime()]));
  // Reservations end once the database knows the call (busy) or it has already ended there.
  for (const [id, reservedAt] of state.reserved) {
    const end = state.lastEndByWorkplace.get(id);
    if (state.busyWorkplaces.has(id) || (end !== undefined && end >= reservedAt))
      state.reserved.delete(id);
  }
}

type ClientRow = {
  e164: string;
  client_id: string;
  manager_id: string | null;
  tags: string[];
  is_vip: boolean;
};

async function loadClients(state: TenantState, ids: Set<string> | "all"): Promise<void> {
  const db = getDb();
  const tenantId = state.tenantId;
  const rows =
    ids === "all"
      ? await db.$queryRaw<ClientRow[]>`
          SELECT p.e164, c.id::text AS client_id, c.personal_manager_id::text AS manager_id,
                 c.tags, c.is_vip
          FROM client_phones p JOIN clients c ON c.id = p.client_id
          WHERE p.tenant_id = ${tenantId}::uuid AND c.archived_at IS NULL`
      : await db.$queryRaw<ClientRow[]>`
          SELECT p.e164, c.id::text AS client_id, c.personal_manager_id::text AS manager_id,
                 c.tags, c.is_vip
          FROM client_phones p JOIN clients c ON c.id = p.client_id
          WHERE p.tenant_id = ${tenantId}::uuid AND c.archived_at IS NULL
            AND c.id = ANY(${[...ids]}::uuid[])`;
  if (ids === "all") {
    state.phones = new Map();
    state.phonesByClient = new Map();
  } else {
    for (const id of ids) {
      for (const phone of state.phonesByClient.get(id) ?? []) {
        if (state.phones.get(phone)?.clientId === id) state.phones.delete(phone);
      }
      state.phonesByClient.delete(id);
    }
  }
  const infos = new Map<string, ClientInfo>();
  for (const row of rows) {
    let info = infos.get(row.client_id);
    if (!info) {
      info = {
        clientId: row.client_id,
        managerId: row.manager_id,
        tags: row.tags,
        isVip: row.is_vip,
      };
      infos.set(row.client_id, info);
    }
    state.phones.set(row.e164, info);
    const list = state.phonesByClient.get(row.client_id);
    if (list) list.push(row.e164);
    else state.phonesByClient.set(row.client_id, [row.e164]);
  }
}

const ALL_PARTS: ReadonlySet<Parts> = new Set(["rules", "staff", "calls"]);

function isStale(state: TenantState, parts: ReadonlySet<Parts>): boolean {
  return (
    [...state.dirty].some((part) => parts.has(part)) ||
    state.dirtyClients === "all" ||
    state.dirtyClients.size > 0
  );
}

/** Reloads the dirty parts among `parts` (and dirty clients); the others stay marked. */
async function refresh(
  state: TenantState,
  healthy: boolean,
  wanted: ReadonlySet<Parts> = ALL_PARTS,
): Promise<void> {
  const now = Date.now();
  if (!healthy) {
    for (const part of wanted)
      if (now - state.loadedAt[part] > UNHEALTHY_MAX_AGE_MS) state.dirty.add(part);
    if (now - state.loadedAt.clients > UNHEALTHY_CLIENTS_MAX_AGE_MS) state.dirtyClients = "all";
  }
  if (!isStale(state, wanted)) return;
  // Clear first: an invalidation arriving during the reload marks the part dirty again.
  const parts = [...state.dirty].filter((part) => wanted.has(part));
  for (const part of parts) state.dirty.delete(part);
  const clients = state.dirtyClients;
  state.dirtyClients = new Set();
  const loaders: Record<Parts, (s: TenantState) => Promise<void>> = {
    rules: loadRules,
    staff: loadStaff,
    calls: loadCalls,
  };
  try {
    await Promise.all([
      ...parts.map((part) => loaders[part](state).then(() => void (state.loadedAt[part] = now))),
      clients === "all" || clients.size > 0
        ? loadClients(state, clients).then(() => void (state.loadedAt.clients = now))
        : Promise.resolve(),
    ]);
  } catch (error) {
    parts.forEach((part) => state.dirty.add(part));
    if (clients === "all") state.dirtyClients = "all";
    else
      clients.forEach((id) =>
        applyInvalidation(state, { tenantId: "", part: "clients", clientIds: [id] }),
      );
    throw error;
  }
}

function emptyState(tenantId: string): TenantState {
  return {
    tenantId,
    timeZone: "Europe/Moscow",
    rules: [],
    phones: new Map(),
    phonesByClient: new Map(),
    workplaces: new Map(),
    workplacesByExternalId: new Map(),
    users: new Map(),
    userIdsByEmail: new Map(),
    crm: null,
    busyWorkplaces: new Set(),
    busyUsers: new Set(),
    lastEndByWorkplace: new Map(),
    dirty: new Set(["rules", "staff", "calls"]),
    dirtyClients: "all",
    loadedAt: { rules: 0, staff: 0, calls: 0, clients: 0 },
    refreshing: null,
    cursor: createMemoryCursor(),
    reserved: new Map(),
  };
}

export type TenantSnapshot = {
  snapshot: RoutingSnapshot;
  /** Where "ask the CRM" asks, with its signing secret; null when not set. */
  crm: CrmLookupConfig | null;
  cursor: RoundRobinCursor;
  /** Counts a workplace as busy for a few seconds, until the call shows up in the database. */
  reserve(workplaceId: string): void;
};

const RESERVE_MS = 5_000;

function busyWithReservations(state: TenantState): Set<string> {
  if (state.reserved.size === 0) return state.busyWorkplaces;
  const now = Date.now();
  const busy = new Set(state.busyWorkplaces);
  for (const [id, reservedAt] of state.reserved) {
    if (reservedAt + RESERVE_MS < now) state.reserved.delete(id);
    else busy.add(id);
  }
  return busy;
}

/** The tenant's snapshot with every stale part reloaded; concurrent callers share one reload. */
export async function getRoutingSnapshot(tenantId: string): Promise<TenantSnapshot> {
  const bus = ensureBus(onMessage);
  let pending = states().get(tenantId);
  if (!pending) {
    pending = Promise.resolve(emptyState(tenantId));
    states().set(tenantId, pending);
  }
  const state = await pending;
  // Loop: a reload that started before the latest invalidation is not enough.
  for (let i = 0; i < 3; i++) {
    if (state.refreshing) {
      await state.refreshing;
      continue;
    }
    const stale =
      state.dirty.size > 0 ||
      state.dirtyClients === "all" ||
      state.dirtyClients.size > 0 ||
      !bus.isHealthy();
    if (!stale) break;
    state.refreshing = refresh(state, bus.isHealthy()).finally(() => (state.refreshing = null));
    await state.refreshing;
    if (!bus.isHealthy()) break;
  }
  return {
    cursor: state.cursor,
    crm: state.crm,
    reserve: (workplaceId) => void state.reserved.set(workplaceId, Date.now()),
    snapshot: {
      timeZone: state.timeZone,
      rules: state.rules,
      findClient: (phone) => state.phones.get(phone),
      workplaces: state.workplaces,
      users: state.users,
      busyWorkplaces: busyWithReservations(state),
      busyUsers: state.busyUsers,
      lastEndByWorkplace: state.lastEndByWorkplace,
      userIdsByEmail: state.userIdsByEmail,
      workplacesByExternalId: state.workplacesByExternalId,
    },
  };
}

export type FoldLookups = {
  /** The workplace the PBX calls this, and its user (the call's manager). */
  workplace(externalId: string): WorkplaceInfo | undefined;
  findClient(phone: string): ClientInfo | undefined;
};

const LOOKUP_PARTS: ReadonlySet<Parts> = new Set(["staff"]);

/**
 * What the fold (server/calls/live-path.ts) looks up for every call it writes: workplaces,
 * their users and clients by phone, from the same in-memory snapshot routing decides with.
 * Reloads only those parts when stale; "who is on a call" and the rules are not its business.
 */
export async function getFoldLookups(tenantId: string): Promise<FoldLookups> {
  const bus = ensureBus(onMessage);
  let pending = states().get(tenantId);
  if (!pending) {
    pending = Promise.resolve(emptyState(tenantId));
    states().set(tenantId, pending);
  }
  const state = await pending;
  for (let i = 0; i < 3; i++) {
    if (state.refreshing) {
      await state.refreshing;
      continue;
    }
    if (!isStale(state, LOOKUP_PARTS) && bus.isHealthy()) break;
    const healthy = bus.isHealthy();
    state.refreshing = refresh(state, healthy, LOOKUP_PARTS).finally(
      () => (state.refreshing = null),
    );
    await state.refreshing;
    if (!healthy) break;
  }
  return {
    workplace: (externalId) => state.workplacesByExternalId.get(externalId),
    findClient: (phone) => state.phones.get(phone),
  };
}

/** Tests: forget every snapshot and stop the channel. */
export async function resetRoutingSnapshots(): Promise<void> {
  states().clear();
  for (const timer of callsTimers.values()) clearTimeout(timer);
  callsTimers.clear();
  await closeBus();
}
