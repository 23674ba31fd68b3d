import { randomUUID } from "node:crypto";
import { hashPassword } from "@/server/crypto/password";
import { getDb } from "@/server/db";
import { inTransaction } from "@/server/db/sql";
import { generateCallHistory } from "@/server/demo/call-history";
import { createRandom } from "@/server/pbx-simulator/random";
import { buildDemoClients, transliterate } from "@/server/demo/seed-data";

export type DemoSeedResult = {
  managers: Array<{ email: string; workplace: string }>;
  clients: number;
  password: string | null;
};

/**
 * Demo data on top of a synced PBX structure: a manager linked to each workplace and a few
 * hundred clients, most with a personal manager. Runs once: existing users/clients are kept.
 */
export async function seedDemoTenant(
  tenantId: string,
  opts: { clientCount?: number; managerPassword: string },
): Promise<DemoSeedResult> {
  const db = getDb();
  const random = createRandom(7);
  const workplaces = await db.workplace.findMany({
    where: { tenantId, archivedAt: null, user: null },
    orderBy: { name: "asc" },
    select: { id: true, name: true, extension: true },
  });
  const managers: DemoSeedResult["managers"] = [];
  const passwordHash = workplaces.length > 0 ? await hashPassword(opts.managerPassword) : null;
  for (const workplace of workplaces) {
    const local =
      transliterate(workplace.name) || `manager.${workplace.extension ?? random.int(100, 999)}`;
    const email = `${local}@demo.pult.local`;
    const taken = await db.user.findFirst({ where: { email }, select: { id: true } });
    if (taken) continue;
    await db.user.create({
      data: {
        tenantId,
        email,
        name: workplace.name,
        role: "MANAGER",
        status: "ACTIVE",
        passwordHash,
        workplaceId: workplace.id,
        presence: "AVAILABLE",
      },
    });
    managers.push({ email, workplace: workplace.name });
  }

  let clients = 0;
  if ((await db.client.count({ where: { tenantId } })) === 0) {
    const managerIds = (
      await db.user.findMany({
        where: { tenantId, role: "MANAGER", status: "ACTIVE" },
        select: { id: true },
      })
    ).map((m) => m.id);
    const demo = buildDemoClients(opts.clientCount ?? 300);
    const rows = demo.map((client, index) => ({
      id: randomUUID(),
      client,
      managerId:
        managerIds.length > 0 && client.hasManager
          ? managerIds[index % managerIds.length]
          : undefined,
    }));
    await db.$transaction(
      [
        db.client.createMany({
          data: rows.map(({ id, client, managerId }) => ({
            id,
            tenantId,
            name: client.name,
            company: client.company,
            email: client.email,
            tags: client.tags,
            isVip: client.isVip,
            personalManagerId: managerId ?? null,
          })),
        }),
        db.clientPhone.createMany({
          data: rows.flatMap(({ id, client }) =>
            client.phones.map((e164, i) => ({
              tenantId,
              clientId: id,
              e164,
              label: i === 0 ? "mobile" : "work",
            })),
          ),
          skipDuplicates: true,
        }),
        // Not Prisma's 5 s default: on the embedded database the search trigger builds every
        // client's trigrams in wasm, and on a busy machine 300 clients took longer than that.
      ],
      { timeout: 120_000 },
    );
    clients = rows.length;
  }
  return { managers, clients, password: managers.length > 0 ? opts.managerPassword : null };
}

export async function demoCallerPool(tenantId: string, limit = 400): Promise<string[]> {
  const phones = await getDb().clientPhone.findMany({
    where: { tenantId },
    select: { e164: true },
    take: limit,
  });
  return phones.map((p) => p.e164);
}

export const DEMO_HISTORY_DAYS = 30;

/**
 * A month of past calls on the demo's first start, so reports and charts have something to show:
 * the same generator as the report benchmarks, with the demo's talk times and no recordings
 * (there is no audio for them). Runs only while the company has no calls; returns how many.
 */
export async function seedDemoHistory(tenantId: string, calls = 12_000): Promise<number> {
  if ((await getDb().call.count({ where: { tenantId } })) > 0) return 0;
  const result = await inTransaction((sql) =>
    generateCallHistory(sql, {
      tenantId,
      calls,
      days: DEMO_HISTORY_DAYS,
      hasRecordings: false,
      withDecisions: false,
      // About 80 s on average, as the demo's live traffic.
      meanTalkSec: 65,
      minTalkSec: 15,
    }),
  );
  return result.calls + result.callbacks;
}
