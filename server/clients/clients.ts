import type { CreateClientInput, ListClientsInput, UpdateClientInput } from "@/lib/schemas/clients";
import { queueClientAssigned } from "@/server/webhooks/emit";
import { phoneSearchDigits } from "@/lib/phone";
import { writeAudit } from "@/server/audit/audit";
import { getDb, type Prisma } from "@/server/db";
import { invalidateClients } from "@/server/routing/snapshot";
import { requireOwnCursor } from "@/server/db/page-cursor";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";
import { canEditClient, canManageAllClients } from "@/server/policy/policy";
import { assertPhonesFree, isUniqueViolation, linkExistingCalls } from "@/server/clients/phones";
import { publishLinkedCalls } from "@/server/clients/publish";
import { searchGrams, normalizeSearchText } from "@/server/clients/search";
import {
  assignmentSelect,
  clientCallSelect,
  clientDetailSelect,
  clientListSelect,
  clientTaskSelect,
} from "@/server/clients/select";

type Tx = Prisma.TransactionClient;

const CALL_HISTORY_LIMIT = 50;

function forbidden(message: string): AppError {
  return new AppError("FORBIDDEN", message);
}

/** The personal manager must be an active (or invited) user of the same tenant. */
export async function assertManagerInTenant(
  tx: Tx,
  tenantId: string,
  managerId: string | null,
  field = "personalManagerId",
): Promise<void> {
  if (!managerId) return;
  const user = await tx.user.findFirst({
    where: { id: managerId, tenantId, status: { not: "DISABLED" } },
    select: { id: true },
  });
  if (!user) {
    throw new AppError("VALIDATION", "Choose an active user of this organization", {
      fieldErrors: { [field]: ["unknown_manager"] },
    });
  }
}

// Managers may take a new client for themselves or leave it unassigned, never give it away.
function assertMayAssign(actor: Actor, from: string | null, to: string | null): void {
  if (from === to || canManageAllClients(actor)) return;
  throw new AppError("FORBIDDEN", "Only administrators and supervisors reassign clients", {
    fieldErrors: { personalManagerId: ["assign_forbidden"] },
  });
}

async function withPhoneRace<T>(work: () => Promise<T>, recheck: () => Promise<void>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // Someone took the number between our check and our insert: report it like the check does.
    if (isUniqueViolation(error)) await recheck();
    throw error;
  }
}

export async function createClient(actor: Actor, input: CreateClientInput) {
  const isOwnNewClient =
    input.personalManagerId === null || input.personalManagerId === actor.userId;
  if (!isOwnNewClient) assertMayAssign(actor, null, input.personalManagerId);
  const phones = input.phones.map((p) => p.phone);
  const db = getDb();
  const { client, linked } = await withPhoneRace(
    () =>
      db.$transaction(async (tx) => {
        await assertManagerInTenant(tx, actor.tenantId, input.personalManagerId);
        await assertPhonesFree(tx, actor.tenantId, phones, null);
        const created = await tx.client.create({
          data: {
            tenantId: actor.tenantId,
            name: input.name,
            company: input.company,
            email: input.email,
            tags: input.tags,
            isVip: input.isVip,
            notes: input.notes,
            personalManagerId: input.personalManagerId,
            phones: {
              create: input.phones.map((p) => ({
                tenantId: actor.tenantId,
                e164: p.phone,
                label: p.label,
              })),
            },
          },
          select: { id: true, name: true },
        });
        if (input.personalManagerId) {
          await tx.clientAssignment.create({
            data: {
              tenantId: actor.tenantId,
              clientId: created.id,
              toManagerId: input.personalManagerId,
              changedById: actor.userId,
              reason: "created",
            },
          });
          await queueClientAssigned(tx, actor.tenantId, [
            { clientId: created.id, fromManagerId: null, toManagerId: input.personalManagerId },
          ]);
        }
        await writeAudit(tx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: "client.create",
          targetType: "client",
          targetId: created.id,
          data: { name: created.name, phones, personalManagerId: input.personalManagerId },
          ip: actor.ip,
        });
        const linkedCalls = await linkExistingCalls(tx, actor.tenantId, created.id, phones);
        return { client: created, linked: linkedCalls };
      }),
    () => db.$transaction((tx) => assertPhonesFree(tx, actor.tenantId, phones, null)),
  );
  invalidateClients(actor.tenantId, [client.id]);
  await publishLinkedCalls(actor.tenantId, linked);
  return client;
}

export async function updateClient(actor: Actor, input: UpdateClientInput) {
  const db = getDb();
  const phones = input.phones.map((p) => p.phone);
  const linked = await withPhoneRace(
    () =>
      db.$transaction(async (tx) => {
        const current = await tx.client.findFirst({
          where: { id: input.clientId, tenantId: actor.tenantId },
          select: {
            name: true,
            company: true,
            email: true,
            tags: true,
            isVip: true,
            notes: true,
            personalManagerId: true,
            phones: { select: { id: true, e164: true, label: true } },
          },
        });
        if (!current) throw new AppError("NOT_FOUND", "Client not found");
        if (!canEditClient(actor, current.personalManagerId))
          throw forbidden("Only the personal manager, supervisors and admins edit this client");
        assertMayAssign(actor, current.personalManagerId, input.personalManagerId);
        if (input.personalManagerId !== current.personalManagerId)
          await assertManagerInTenant(tx, actor.tenantId, input.personalManagerId);
        await assertPhonesFree(tx, actor.tenantId, phones, input.clientId);

        const kept = new Map(current.phones.map((p) => [p.e164, p]));
        const removed = current.phones.filter((p) => !phones.includes(p.e164));
        const added = input.phones.filter((p) => !kept.has(p.phone));
        if (removed.length > 0)
          await tx.clientPhone.deleteMany({ where: { id: { in: removed.map((p) => p.id) } } });
        for (const phone of input.phones) {
          const existing = kept.get(phone.phone);
          if (existing && existing.label !== phone.label)
            await tx.clientPhone.update({
              where: { id: existing.id },
              data: { label: phone.label },
            });
        }
        if (added.length > 0) {
          await tx.clientPhone.createMany({
            data: added.map((p) => ({
              tenantId: actor.tenantId,
              clientId: input.clientId,
              e164: p.phone,
              label: p.label,
            })),
          });
        }
        await tx.client.update({
          where: { id: input.clientId },
          data: {
            name: input.name,
            company: input.company,
            email: input.email,
            tags: input.tags,
            isVip: input.isVip,
            notes: input.notes,
            personalManagerId: input.personalManagerId,
          },
        });
        if (input.personalManagerId !== current.personalManagerId) {
          await recordAssignment(tx, actor, {
            clientId: input.clientId,
            fromManagerId: current.personalManagerId,
            toManagerId: input.personalManagerId,
            reason: null,
            restoreAt: null,
          });
        }
        const changed = (["name", "company", "email", "isVip", "notes"] as const).filter(
          (key) => current[key] !== input[key],
        );
        if (current.tags.join("\n") !== input.tags.join("\n")) changed.push("tags" as never);
        await writeAudit(tx, {
          tenantId: actor.tenantId,
          actorUserId: actor.userId,
          action: "client.update",
          targetType: "client",
          targetId: input.clientId,
          data: {
            changed,
            phonesAdded: added.map((p) => p.phone),
            phonesRemoved: removed.map((p) => p.e164),
          },
          ip: actor.ip,
        });
        return linkExistingCalls(
          tx,
          actor.tenantId,
          input.clientId,
          added.map((p) => p.phone),
        );
      }),
    () => db.$transaction((tx) => assertPhonesFree(tx, actor.tenantId, phones, input.clientId)),
  );
  invalidateClients(actor.tenantId, [input.clientId]);
  await publishLinkedCalls(actor.tenantId, linked);
  return { id: input.clientId };
}

/** One ClientAssignment row and one audit row per change of personal manager. */
export async function recordAssignment(
  tx: Tx,
  actor: Pick<Actor, "tenantId" | "userId" | "ip">,
  change: {
    clientId: string;
    fromManagerId: string | null;
    toManagerId: string | null;
    reason: string | null;
    restoreAt: Date | null;
  },
): Promise<void> {
  await tx.clientAssignment.create({
    data: {
      tenantId: actor.tenantId,
      clientId: change.clientId,
      fromManagerId: change.fromManagerId,
      toManagerId: change.toManagerId,
      changedById: actor.userId,
      reason: change.reason,
      restoreAt: change.restoreAt,
    },
  });
  await queueClientAssigned(tx, actor.tenantId, [change]);
  await writeAudit(tx, {
    tenantId: actor.tenantId,
    actorUserId: actor.userId,
    action: "client.assign",
    targetType: "client",
    targetId: change.clientId,
    data: {
      from: change.fromManagerId,
      to: change.toManagerId,
      restoreAt: change.restoreAt?.toISOString() ?? null,
    },
    ip: actor.ip,
  });
}

export async function setClientArchived(actor: Actor, clientId: string, isArchived: boolean) {
  if (!canManageAllClients(actor))
    throw forbidden("Only administrators and supervisors archive clients");
  const result = await getDb().$transaction(async (tx) => {
    const updated = await tx.client.updateMany({
      where: { id: clientId, tenantId: actor.tenantId },
      data: { archivedAt: isArchived ? new Date() : null },
    });
    if (updated.count === 0) throw new AppError("NOT_FOUND", "Client not found");
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: isArchived ? "client.archive" : "client.unarchive",
      targetType: "client",
      targetId: clientId,
      ip: actor.ip,
    });
    return { id: clientId, isArchived };
  });
  invalidateClients(actor.tenantId, [clientId]);
  return result;
}

export async function getClient(actor: Actor, clientId: string) {
  const db = getDb();
  const client = await db.client.findFirst({
    where: { id: clientId, tenantId: actor.tenantId },
    select: clientDetailSelect,
  });
  if (!client) throw new AppError("NOT_FOUND", "Client not found");
  const [assignments, calls, callCount, tasks] = await Promise.all([
    db.clientAssignment.findMany({
      where: { tenantId: actor.tenantId, clientId },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: assignmentSelect,
    }),
    db.call.findMany({
      where: { tenantId: actor.tenantId, clientId, parentCallId: null },
      orderBy: { startedAt: "desc" },
      take: CALL_HISTORY_LIMIT,
      select: clientCallSelect,
    }),
    db.call.count({ where: { tenantId: actor.tenantId, clientId, parentCallId: null } }),
    db.task.findMany({
      where: { tenantId: actor.tenantId, clientId, status: "OPEN" },
      orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
      select: clientTaskSelect,
    }),
  ]);
  const { personalManagerId, ...rest } = client;
  return {
    client: rest,
    assignments,
    calls,
    callCount,
    tasks,
    canEdit: canEditClient(actor, personalManagerId),
    canAssign: canManageAllClients(actor),
  };
}

/** Search by any part of name, company, email or phone digits; newest-first is not useful here. */
export function clientSearchWhere(query: string | undefined): Prisma.ClientWhereInput {
  const raw = query?.trim() ?? "";
  if (raw === "") return {};
  const digits = phoneSearchDigits(raw);
  const needles = digits ?? [normalizeSearchText(raw)];
  const conditions = needles.map((needle): Prisma.ClientWhereInput => ({
    searchText: { contains: needle },
    // Below three characters there is no trigram to look up: the LIKE alone decides.
    ...(needle.length >= 3 ? { searchGrams: { hasEvery: searchGrams(needle) } } : {}),
  }));
  return conditions.length === 1 ? (conditions[0] ?? {}) : { OR: conditions };
}

export async function listClients(actor: Actor, input: ListClientsInput) {
  const where: Prisma.ClientWhereInput = {
    tenantId: actor.tenantId,
    archivedAt: input.isArchived ? { not: null } : null,
    ...clientSearchWhere(input.query),
    ...(input.managerId === "none"
      ? { personalManagerId: null }
      : input.managerId
        ? { personalManagerId: input.managerId }
        : {}),
    ...(input.tag ? { tags: { has: input.tag } } : {}),
    ...(input.isVip === undefined ? {} : { isVip: input.isVip }),
  };
  if (input.cursor)
    await requireOwnCursor(
      getDb().client.count({ where: { id: input.cursor, tenantId: actor.tenantId } }),
    );
  const rows = await getDb().client.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: clientListSelect,
  });
  const hasMore = rows.length > input.limit;
  const items = hasMore ? rows.slice(0, input.limit) : rows;
  return { items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
}

/** Everyone who can be a personal manager, for pickers and filters. */
export async function listAssignableUsers(tenantId: string) {
  return getDb().user.findMany({
    where: { tenantId, status: { not: "DISABLED" } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true, role: true },
  });
}

export async function listClientTags(tenantId: string): Promise<string[]> {
  const rows = await getDb().$queryRaw<Array<{ tag: string }>>`
    SELECT DISTINCT unnest(tags) AS tag FROM clients
    WHERE tenant_id = ${tenantId}::uuid AND archived_at IS NULL
    ORDER BY tag LIMIT 500`;
  return rows.map((r) => r.tag);
}
