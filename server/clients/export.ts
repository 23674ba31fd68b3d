import type { ListClientsInput } from "@/lib/schemas/clients";
import { getDb } from "@/server/db";
import type { Actor } from "@/server/policy/actor";
import { clientSearchWhere } from "@/server/clients/clients";
import { formatCsv } from "@/server/clients/csv";
import { EXPORT_HEADERS, type ImportField } from "@/server/clients/import-columns";

const FIELDS: ImportField[] = [
  "name",
  "company",
  "phones",
  "email",
  "tags",
  "isVip",
  "notes",
  "manager",
];
const BATCH = 2000;

/** The same columns the import reads, so an export edited in Excel imports back. */
export async function exportClientsCsv(
  actor: Actor,
  filters: Pick<ListClientsInput, "query" | "managerId" | "tag" | "isVip">,
  locale: "ru" | "en",
): Promise<string> {
  const headers = EXPORT_HEADERS[locale];
  const yes = locale === "ru" ? "да" : "yes";
  const no = locale === "ru" ? "нет" : "no";
  const rows: string[][] = [FIELDS.map((f) => headers[f])];
  let cursor: string | null = null;
  for (;;) {
    const batch: Array<{
      id: string;
      name: string;
      company: string | null;
      email: string | null;
      tags: string[];
      isVip: boolean;
      notes: string | null;
      personalManager: { email: string } | null;
      phones: Array<{ e164: string }>;
    }> = await getDb().client.findMany({
      where: {
        tenantId: actor.tenantId,
        archivedAt: null,
        ...clientSearchWhere(filters.query),
        ...(filters.managerId === "none"
          ? { personalManagerId: null }
          : filters.managerId
            ? { personalManagerId: filters.managerId }
            : {}),
        ...(filters.tag ? { tags: { has: filters.tag } } : {}),
        ...(filters.isVip === undefined ? {} : { isVip: filters.isVip }),
      },
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: {
        id: true,
        name: true,
        company: true,
        email: true,
        tags: true,
        isVip: true,
        notes: true,
        personalManager: { select: { email: true } },
        phones: { select: { e164: true }, orderBy: { createdAt: "asc" } },
      },
    });
    for (const c of batch) {
      rows.push([
        c.name,
        c.company ?? "",
        c.phones.map((p) => p.e164).join(", "),
        c.email ?? "",
        c.tags.join(", "),
        c.isVip ? yes : no,
        c.notes ?? "",
        c.personalManager?.email ?? "",
      ]);
    }
    if (batch.length < BATCH) break;
    cursor = batch.at(-1)?.id ?? null;
  }
  return formatCsv(rows, ";");
}
