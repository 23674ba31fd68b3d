import { getDb } from "@/server/db";

export async function listWorkplaces(tenantId: string) {
  const rows = await getDb().workplace.findMany({
    where: { tenantId },
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
    select: {
      id: true,
      externalId: true,
      name: true,
      extension: true,
      distribution: true,
      archivedAt: true,
      terminals: {
        orderBy: { label: "asc" },
        select: { id: true, kind: true, label: true, address: true, archivedAt: true },
      },
      numbers: {
        select: { number: { select: { id: true, e164: true, label: true, archivedAt: true } } },
      },
      user: { select: { id: true, name: true, email: true } },
    },
  });
  return rows.map(({ numbers, ...workplace }) => ({
    ...workplace,
    numbers: numbers.map((link) => link.number).filter((number) => number.archivedAt === null),
  }));
}

export async function listNumbers(tenantId: string) {
  const rows = await getDb().pbxNumber.findMany({
    where: { tenantId },
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { e164: "asc" }],
    select: {
      id: true,
      e164: true,
      kind: true,
      label: true,
      parking: true,
      archivedAt: true,
      workplaces: { select: { workplaceId: true } },
    },
  });
  return rows.map(({ workplaces, ...number }) => ({
    ...number,
    workplaceIds: workplaces.map((w) => w.workplaceId),
  }));
}
