import {
  defaultRuleBody,
  type RoutingStep,
  type RuleBody,
  type TestRoutingInput,
} from "@/lib/schemas/routing";
import { askCrmForParkedCall } from "@/server/routing/crm-decide";
import { writeAudit } from "@/server/audit/audit";
import { getDb, type Prisma } from "@/server/db";
import { AppError } from "@/server/errors";
import {
  createMemoryCursor,
  decide,
  type RoundRobinCursor,
  type RoutingTarget,
} from "@/server/routing/engine";
import { parseStoredRule, referencedWorkplaces } from "@/server/routing/rules";
import { startOfZonedDay, zonedLocalToDate } from "@/lib/zoned-time";
import { getRoutingSnapshot, invalidateRules } from "@/server/routing/snapshot";
import type { Actor } from "@/server/policy/actor";

type Tx = Prisma.TransactionClient;

const ruleSelect = {
  id: true,
  name: true,
  position: true,
  isEnabled: true,
  conditions: true,
  action: true,
  fallbacks: true,
  updatedAt: true,
} as const;

const DEFAULT_RULE_NAMES = { ru: "Персональный менеджер", en: "Personal manager" } as const;

/** A new company's rules: the client's personal manager, else the PBX's standard route. */
export async function createDefaultRules(tx: Tx, tenantId: string, locale = "ru"): Promise<void> {
  const name = locale === "en" ? DEFAULT_RULE_NAMES.en : DEFAULT_RULE_NAMES.ru;
  const body = defaultRuleBody(name);
  await tx.routingRule.create({
    data: {
      tenantId,
      position: 0,
      name: body.name,
      isEnabled: body.isEnabled,
      conditions: body.conditions,
      action: body.action,
      fallbacks: body.fallbacks,
    },
  });
}

export async function listRules(tenantId: string) {
  const db = getDb();
  const [rows, workplaces, numbers, tenant] = await Promise.all([
    db.routingRule.findMany({
      where: { tenantId },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: ruleSelect,
    }),
    db.workplace.findMany({
      where: { tenantId, archivedAt: null },
      orderBy: { name: "asc" },
      select: { id: true, name: true, extension: true, user: { select: { name: true } } },
    }),
    db.pbxNumber.findMany({
      where: { tenantId, archivedAt: null },
      orderBy: { e164: "asc" },
      select: { e164: true, label: true, parking: true },
    }),
    db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { timeZone: true } }),
  ]);
  const rules = rows.map((row) => {
    const parsed = parseStoredRule(row);
    return {
      id: row.id,
      name: row.name,
      position: row.position,
      isEnabled: row.isEnabled,
      isValid: parsed.isValid,
      conditions: parsed.conditions,
      action: parsed.action,
      fallbacks: parsed.fallbacks,
      updatedAt: row.updatedAt,
    };
  });
  return {
    rules,
    timeZone: tenant.timeZone,
    numbers,
    workplaces: workplaces.map((w) => ({
      id: w.id,
      name: w.name,
      extension: w.extension,
      userName: w.user?.name ?? null,
    })),
  };
}

async function checkReferences(tx: Tx, tenantId: string, body: RuleBody): Promise<void> {
  const ids = referencedWorkplaces([body.action, ...body.fallbacks]);
  if (ids.length === 0) return;
  const found = await tx.workplace.count({
    where: { tenantId, id: { in: ids }, archivedAt: null },
  });
  if (found !== ids.length)
    throw new AppError("VALIDATION", "A chosen workplace no longer exists", {
      field: "workplace",
    });
}

const ruleData = (body: RuleBody) => ({
  name: body.name,
  isEnabled: body.isEnabled,
  conditions: body.conditions,
  action: body.action,
  fallbacks: body.fallbacks,
});

async function inTx<T>(actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await getDb().$transaction(work);
  invalidateRules(actor.tenantId);
  return result;
}

export async function createRule(actor: Actor, body: RuleBody) {
  return inTx(actor, async (tx) => {
    await checkReferences(tx, actor.tenantId, body);
    // Serialise position allocation per tenant.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`routing:${actor.tenantId}`}))`;
    const last = await tx.routingRule.aggregate({
      where: { tenantId: actor.tenantId },
      _max: { position: true },
    });
    const rule = await tx.routingRule.create({
      data: {
        tenantId: actor.tenantId,
        position: (last._max.position ?? -1) + 1,
        ...ruleData(body),
      },
      select: { id: true },
    });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "routing.rule.create",
      targetType: "routingRule",
      targetId: rule.id,
      data: { name: body.name },
      ip: actor.ip,
    });
    return rule;
  });
}

async function requireRule(tx: Tx, tenantId: string, ruleId: string) {
  const rule = await tx.routingRule.findFirst({
    where: { id: ruleId, tenantId },
    select: { id: true, name: true, position: true, isEnabled: true },
  });
  if (!rule) throw new AppError("NOT_FOUND", "Rule not found");
  return rule;
}

export async function updateRule(actor: Actor, ruleId: string, body: RuleBody) {
  return inTx(actor, async (tx) => {
    const before = await requireRule(tx, actor.tenantId, ruleId);
    await checkReferences(tx, actor.tenantId, body);
    await tx.routingRule.update({ where: { id: ruleId }, data: ruleData(body) });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "routing.rule.update",
      targetType: "routingRule",
      targetId: ruleId,
      data: { before: before.name, name: body.name, action: body.action.kind },
      ip: actor.ip,
    });
    return { id: ruleId };
  });
}

export async function setRuleEnabled(actor: Actor, ruleId: string, isEnabled: boolean) {
  return inTx(actor, async (tx) => {
    const rule = await requireRule(tx, actor.tenantId, ruleId);
    await tx.routingRule.update({ where: { id: ruleId }, data: { isEnabled } });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: isEnabled ? "routing.rule.enable" : "routing.rule.disable",
      targetType: "routingRule",
      targetId: ruleId,
      data: { name: rule.name },
      ip: actor.ip,
    });
    return { id: ruleId, isEnabled };
  });
}

export async function deleteRule(actor: Actor, ruleId: string) {
  return inTx(actor, async (tx) => {
    const rule = await requireRule(tx, actor.tenantId, ruleId);
    await tx.routingRule.delete({ where: { id: ruleId } });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "routing.rule.delete",
      targetType: "routingRule",
      targetId: ruleId,
      data: { name: rule.name },
      ip: actor.ip,
    });
    return { id: ruleId };
  });
}

async function writeOrder(tx: Tx, actor: Actor, ruleIds: string[]) {
  // Two passes keep positions unique-looking even mid-update; positions are dense 0..n-1.
  for (const [index, id] of ruleIds.entries())
    await tx.routingRule.update({ where: { id }, data: { position: index } });
  await writeAudit(tx, {
    tenantId: actor.tenantId,
    actorUserId: actor.userId,
    action: "routing.rule.reorder",
    targetType: "routingRule",
    data: { order: ruleIds },
    ip: actor.ip,
  });
}

/** The full new order; it must name every rule of the tenant exactly once. */
export async function reorderRules(actor: Actor, ruleIds: string[]) {
  return inTx(actor, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`routing:${actor.tenantId}`}))`;
    const current = await tx.routingRule.findMany({
      where: { tenantId: actor.tenantId },
      select: { id: true },
    });
    const known = new Set(current.map((r) => r.id));
    if (
      new Set(ruleIds).size !== ruleIds.length ||
      ruleIds.length !== known.size ||
      ruleIds.some((id) => !known.has(id))
    )
      throw new AppError("CONFLICT", "The rules changed meanwhile; reload and try again");
    await writeOrder(tx, actor, ruleIds);
    return { ok: true as const };
  });
}

/** Moves one rule a place up or down (the keyboard-friendly editor control). */
export async function moveRule(actor: Actor, ruleId: string, direction: "up" | "down") {
  return inTx(actor, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`routing:${actor.tenantId}`}))`;
    const rows = await tx.routingRule.findMany({
      where: { tenantId: actor.tenantId },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true },
    });
    const ids = rows.map((r) => r.id);
    const index = ids.indexOf(ruleId);
    if (index < 0) throw new AppError("NOT_FOUND", "Rule not found");
    const other = direction === "up" ? index - 1 : index + 1;
    if (other < 0 || other >= ids.length) return { ok: true as const };
    [ids[index], ids[other]] = [ids[other] as string, ids[index] as string];
    await writeOrder(tx, actor, ids);
    return { ok: true as const };
  });
}

/** Restores "personal manager, else standard route" at the end of the list. */
export async function addDefaultRule(actor: Actor, locale: string) {
  const name = locale === "en" ? DEFAULT_RULE_NAMES.en : DEFAULT_RULE_NAMES.ru;
  return createRule(actor, defaultRuleBody(name));
}

function normaliseCaller(raw: string): string {
  const digits = raw.replace(/\D/g, "");
  // Russian habits: 8XXXXXXXXXX and bare 10-digit numbers mean +7.
  if (digits.length === 11 && digits.startsWith("8")) return `+7${digits.slice(1)}`;
  if (digits.length === 10) return `+7${digits}`;
  return `+${digits}`;
}

export type RoutingTrace = {
  outcome: "TRANSFER_WORKPLACE" | "TRANSFER_NUMBER" | "RELEASE";
  target: RoutingTarget | null;
  ruleId: string | null;
  ruleName: string | null;
  steps: RoutingStep[];
  at: Date;
  caller: string;
  dialed: string;
  timeZone: string;
};

/** The same engine on the live snapshot, without moving any round-robin cursor. */
const TEST_PARK_MS = 5_000;

export async function testRouting(
  tenantId: string,
  input: TestRoutingInput,
): Promise<RoutingTrace> {
  const tenant = await getRoutingSnapshot(tenantId);
  const { snapshot, cursor } = tenant;
  let at = new Date();
  if (input.at) {
    try {
      at = zonedLocalToDate(input.at, snapshot.timeZone);
    } catch {
      throw new AppError("VALIDATION", "Invalid date", { field: "at" });
    }
  }
  const overlay = createMemoryCursor();
  const touched = new Set<string>();
  const dryCursor: RoundRobinCursor = {
    get: (key) => (touched.has(key) ? overlay.get(key) : cursor.get(key)),
    set: (key, value) => {
      touched.add(key);
      overlay.set(key, value);
    },
  };
  const caller = normaliseCaller(input.caller);
  const dialed = input.dialed ? normaliseCaller(input.dialed) : "";
  // The test asks the CRM for real, as a parked call would (with a whole park to spend).
  const crm = await askCrmForParkedCall(
    tenant,
    { externalId: null, from: caller, to: dialed, parkTimeoutMs: TEST_PARK_MS },
    0,
    at,
  );
  const result = decide(snapshot, { from: caller, to: dialed }, at, {
    random: Math.random,
    cursor: dryCursor,
    crm,
  });
  return { ...result, at, caller, dialed, timeZone: snapshot.timeZone };
}

export async function parkExpiredSince(tenantId: string, since: Date): Promise<number> {
  return getDb().routingDecision.count({
    where: { tenantId, outcome: "TIMEOUT", createdAt: { gte: since } },
  });
}

/** The live board's "park expired today" counter (1002 from the PBX), in the tenant's day. */
export async function countParkExpiredToday(tenantId: string) {
  const tenant = await getDb().tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { timeZone: true },
  });
  const since = startOfZonedDay(new Date(), tenant.timeZone);
  return { count: await parkExpiredSince(tenantId, since), since };
}
