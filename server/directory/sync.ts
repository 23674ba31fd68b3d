import { getDb, type Prisma } from "@/server/db";
import type { PbxStructure } from "@/server/mtt/types";

export type SyncCounts = {
  workplaces: number;
  terminals: number;
  numbers: number;
  archived: number;
};

type Tx = Prisma.TransactionClient;

const distributionMap = { all: "ALL", serial: "SERIAL", random: "RANDOM", other: "OTHER" } as const;
const terminalKindMap = {
  sip: "SIP",
  app: "APP",
  mobile: "MOBILE",
  forward: "FORWARD",
  other: "OTHER",
} as const;
const numberKindMap = {
  city: "CITY",
  tollfree: "TOLLFREE",
  mobile: "MOBILE",
  other: "OTHER",
} as const;

/**
 * Mirrors the PBX structure. Items that disappeared are archived, not deleted, so calls in
 * history keep their workplace names; items that come back are restored.
 */
export async function applyStructure(
  tenantId: string,
  structure: PbxStructure,
): Promise<SyncCounts> {
  const now = new Date();
  return getDb().$transaction(
    async (tx) => {
      const workplaceIds = await upsertWorkplaces(tx, tenantId, structure, now);
      let terminals = 0;
      const seenTerminals: string[] = [];
      for (const workplace of structure.workplaces) {
        const workplaceId = workplaceIds.get(workplace.externalId);
        if (!workplaceId) continue;
        for (const terminal of workplace.terminals) {
          seenTerminals.push(terminal.externalId);
          terminals++;
          const data = {
            workplaceId,
            kind: terminalKindMap[terminal.kind],
            label: terminal.label,
            address: terminal.address || null,
            archivedAt: null,
          };
          await tx.terminal.upsert({
            where: { tenantId_externalId: { tenantId, externalId: terminal.externalId } },
            create: { tenantId, externalId: terminal.externalId, ...data },
            update: data,
          });
        }
      }
      const archivedTerminals = await tx.terminal.updateMany({
        where: { tenantId, archivedAt: null, externalId: { notIn: seenTerminals } },
        data: { archivedAt: now },
      });
      const numbers = await upsertNumbers(tx, tenantId, structure, workplaceIds, now);
      const archivedWorkplaces = await tx.workplace.updateMany({
        where: {
          tenantId,
          archivedAt: null,
          externalId: { notIn: structure.workplaces.map((w) => w.externalId) },
        },
        data: { archivedAt: now },
      });
      await tx.mttIntegration.update({
        where: { tenantId },
        data: { lastSyncAt: now, structureVersion: structure.version },
      });
      return {
        workplaces: structure.workplaces.length,
        terminals,
        numbers: numbers.count,
        archived: archivedTerminals.count + archivedWorkplaces.count + numbers.archived,
      };
    },
    { timeout: 60_000 },
  );
}

async function upsertWorkplaces(tx: Tx, tenantId: string, structure: PbxStructure, now: Date) {
  const ids = new Map<string, string>();
  for (const workplace of structure.workplaces) {
    const data = {
      name: workplace.name,
      extension: workplace.extension || null,
      distribution: distributionMap[workplace.distribution],
      archivedAt: null,
      updatedAt: now,
    };
    const row = await tx.workplace.upsert({
      where: { tenantId_externalId: { tenantId, externalId: workplace.externalId } },
      create: { tenantId, externalId: workplace.externalId, ...data },
      update: data,
      select: { id: true },
    });
    ids.set(workplace.externalId, row.id);
  }
  return ids;
}

async function upsertNumbers(
  tx: Tx,
  tenantId: string,
  structure: PbxStructure,
  workplaceIds: Map<string, string>,
  now: Date,
) {
  const seen: string[] = [];
  for (const number of structure.numbers) {
    seen.push(number.e164);
    const data = {
      kind: numberKindMap[number.kind],
      label: number.label || null,
      parking: number.parking,
      archivedAt: null,
    };
    const row = await tx.pbxNumber.upsert({
      // The number itself is its identity: the contract gives numbers no separate id.
      where: { tenantId_e164: { tenantId, e164: number.e164 } },
      create: { tenantId, externalId: number.e164, e164: number.e164, ...data },
      update: data,
      select: { id: true },
    });
    await tx.pbxNumberWorkplace.deleteMany({ where: { numberId: row.id } });
    const links = number.workplaceExternalIds
      .map((externalId) => workplaceIds.get(externalId))
      .filter((id): id is string => id !== undefined)
      .map((workplaceId) => ({ tenantId, numberId: row.id, workplaceId }));
    if (links.length > 0)
      await tx.pbxNumberWorkplace.createMany({ data: links, skipDuplicates: true });
  }
  const archived = await tx.pbxNumber.updateMany({
    where: { tenantId, archivedAt: null, e164: { notIn: seen } },
    data: { archivedAt: now },
  });
  return { count: seen.length, archived: archived.count };
}
