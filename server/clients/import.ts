import { randomUUID } from "node:crypto";
import { queueClientAssigned } from "@/server/webhooks/emit";
import { writeAudit } from "@/server/audit/audit";
import { getDb, type Prisma } from "@/server/db";
import { invalidateClients } from "@/server/routing/snapshot";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";
import { canManageAllClients } from "@/server/policy/policy";
import { parseCsv } from "@/server/clients/csv";
import {
  phonesInFile,
  planImport,
  type ImportPlan,
  type ImportRowPlan,
} from "@/server/clients/import-plan";

type Tx = Prisma.TransactionClient;

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;

function assertMayImport(actor: Actor): void {
  if (!canManageAllClients(actor))
    throw new AppError("FORBIDDEN", "Only administrators and supervisors import clients");
}

async function buildPlan(tx: Tx, tenantId: string, bytes: Uint8Array): Promise<ImportPlan> {
  if (bytes.byteLength > MAX_IMPORT_BYTES)
    throw new AppError("VALIDATION", "The file is too large", { reason: "too_large" });
  const csv = parseCsv(bytes);
  if (csv.rows.length - 1 > MAX_IMPORT_ROWS)
    throw new AppError("VALIDATION", "The file has too many rows", { reason: "too_many_rows" });
  const phones = phonesInFile(csv);
  const [owners, managers] = await Promise.all([
    phones.length === 0
      ? Promise.resolve([])
      : tx.clientPhone.findMany({
          where: { tenantId, e164: { in: phones } },
          select: { e164: true, clientId: true, client: { select: { name: true } } },
        }),
    tx.user.findMany({
      where: { tenantId, status: { not: "DISABLED" } },
      select: { id: true, email: true },
    }),
  ]);
  return planImport(csv, {
    clientByPhone: new Map(
      owners.map((o) => [o.e164, { clientId: o.clientId, clientName: o.client.name }]),
    ),
    managerIdByEmail: new Map(managers.map((m) => [m.email.toLowerCase(), m.id])),
  });
}

/** What the file would do, row by row. Writes nothing. */
export async function previewImport(actor: Actor, bytes: Uint8Array): Promise<ImportPlan> {
  assertMayImport(actor);
  return buildPlan(getDb(), actor.tenantId, bytes);
}

/**
 * Writes every valid row of the file in one transaction — all of them or, on any failure, none.
 * The plan is rebuilt inside the transaction, so it reflects the data at the moment of writing.
 */
export async function commitImport(actor: Actor, bytes: Uint8Array) {
  assertMayImport(actor);
  const counts = await getDb().$transaction(
    async (tx) => {
      const plan = await buildPlan(tx, actor.tenantId, bytes);
      if (plan.fileError)
        throw new AppError("VALIDATION", "The file cannot be imported", { reason: plan.fileError });
      const creates = plan.rows.filter((r) => r.action === "create");
      const updates = plan.rows.filter((r) => r.action === "update");
      await createRows(tx, actor, creates);
      for (const row of updates) await updateRow(tx, actor, row);
      await linkCallsOfPhones(
        tx,
        actor.tenantId,
        [...creates, ...updates].flatMap((r) => r.phones),
      );
      await writeAudit(tx, {
        tenantId: actor.tenantId,
        actorUserId: actor.userId,
        action: "client.import",
        data: { ...plan.counts, encoding: plan.encoding },
        ip: actor.ip,
      });
      return plan.counts;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  invalidateClients(actor.tenantId);
  return counts;
}

async function createRows(tx: Tx, actor: Actor, rows: ImportRowPlan[]): Promise<void> {
  if (rows.length === 0) return;
  const withIds = rows.map((row) => ({ row, id: randomUUID() }));
  await tx.client.createMany({
    data: withIds.map(({ row, id }) => ({
      id,
      tenantId: actor.tenantId,
      name: row.name,
      company: row.company,
      email: row.email,
      tags: row.tags,
      isVip: row.isVip ?? false,
      notes: row.notes,
      personalManagerId: row.managerId,
    })),
  });
  await tx.clientPhone.createMany({
    data: withIds.flatMap(({ row, id }) =>
      row.phones.map((e164) => ({ tenantId: actor.tenantId, clientId: id, e164 })),
    ),
  });
  const assigned = withIds.filter(({ row }) => row.managerId);
  await tx.clientAssignment.createMany({
    data: assigned.map(({ row, id }) => ({
      tenantId: actor.tenantId,
      clientId: id,
      toManagerId: row.managerId,
      changedById: actor.userId,
      reason: "import",
    })),
  });
  await queueClientAssigned(
    tx,
    actor.tenantId,
    assigned.map(({ row, id }) => ({
      clientId: id,
      fromManagerId: null,
      toManagerId: row.managerId,
    })),
  );
  await tx.auditLog.createMany({
    data: assigned.map(({ row, id }) => ({
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "client.assign",
      targetType: "client",
      targetId: id,
      data: { from: null, to: row.managerId, source: "import" },
      ip: actor.ip,
    })),
  });
}

// Filled cells overwrite, empty cells keep what the card has; new numbers are added.
async function updateRow(tx: Tx, actor: Actor, row: ImportRowPlan): Promise<void> {
  const clientId = row.clientId;
  if (!clientId) return;
  const current = await tx.client.findUniqueOrThrow({
    where: { id: clientId },
    select: { personalManagerId: true, phones: { select: { e164: true } } },
  });
  await tx.client.update({
    where: { id: clientId },
    data: {
      ...(row.name ? { name: row.name } : {}),
      ...(row.company ? { company: row.company } : {}),
      ...(row.email ? { email: row.email } : {}),
      ...(row.tags.length > 0 ? { tags: row.tags } : {}),
      ...(row.isVip === null ? {} : { isVip: row.isVip }),
      ...(row.notes ? { notes: row.notes } : {}),
      ...(row.managerId ? { personalManagerId: row.managerId } : {}),
    },
  });
  const known = new Set(current.phones.map((p) => p.e164));
  const added = row.phones.filter((p) => !known.has(p));
  if (added.length > 0) {
    await tx.clientPhone.createMany({
      data: added.map((e164) => ({ tenantId: actor.tenantId, clientId, e164 })),
    });
  }
  if (row.managerId && row.managerId !== current.personalManagerId) {
    await tx.clientAssignment.create({
      data: {
        tenantId: actor.tenantId,
        clientId,
        fromManagerId: current.personalManagerId,
        toManagerId: row.managerId,
        changedById: actor.userId,
        reason: "import",
      },
    });
    await queueClientAssigned(tx, actor.tenantId, [
      { clientId, fromManagerId: current.personalManagerId, toManagerId: row.managerId },
    ]);
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "client.assign",
      targetType: "client",
      targetId: clientId,
      data: { from: current.personalManagerId, to: row.managerId, source: "import" },
      ip: actor.ip,
    });
  }
}

// Calls that found no client at the time belong to the imported owners of their numbers.
async function linkCallsOfPhones(tx: Tx, tenantId: string, phones: string[]): Promise<void> {
  if (phones.length === 0) return;
  await tx.$executeRaw`
    UPDATE calls AS c SET client_id = p.client_id, updated_at = now()
    FROM client_phones AS p
    WHERE p.tenant_id = ${tenantId}::uuid AND p.e164 = ANY(${phones}::text[])
      AND c.tenant_id = ${tenantId}::uuid AND c.client_id IS NULL
      AND p.e164 = CASE WHEN c.direction = 'OUT' THEN c.to_number ELSE c.from_number END`;
}
