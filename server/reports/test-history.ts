// Seeded call history for the rollup tests: a regular client, random incoming and outgoing calls
// spread over past days (answered or missed, some without a manager), routing decisions for half
// of the incoming ones, a third of those through a fallback. Deterministic for a seed.
import { getDb } from "@/server/db";

export const DAY_MS = 86_400_000;
export const OUR_NUMBER = "+74950000001";

/** A deterministic pseudo-random sequence in [0, 1). */
export function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

export type SeededCall = {
  id: string;
  direction: "IN" | "OUT";
  answered: boolean;
  startedAt: Date;
};

export async function seedCallHistory(opts: {
  tenantId: string;
  managers: readonly string[];
  /** Caller number i (1: the regular client's). */
  caller: (i: number) => string;
  seed: number;
  calls: number;
  /** Days before now of a call's start, from a random number in [0, 1). */
  daysAgo: (r: number) => number;
  externalPrefix: string;
}): Promise<{ clientId: string; calls: SeededCall[] }> {
  const db = getDb();
  const { tenantId, managers, caller } = opts;
  const client = await db.client.create({
    data: {
      tenantId,
      name: "Regular",
      personalManagerId: managers[0] ?? null,
      phones: { create: { tenantId, e164: caller(1) } },
    },
    select: { id: true },
  });
  const random = rng(opts.seed);
  const now = Date.now();
  const rows = [];
  for (let i = 0; i < opts.calls; i++) {
    const isOut = random() < 0.3;
    const start = new Date(now - opts.daysAgo(random()) * DAY_MS);
    const isAnswered = random() < 0.7;
    const wait = Math.floor(random() * 30_000);
    const number = caller(1 + Math.floor(random() * 6));
    rows.push({
      id: crypto.randomUUID(),
      tenantId,
      externalId: `${opts.externalPrefix}-${i}`,
      direction: isOut ? ("OUT" as const) : ("IN" as const),
      fromNumber: isOut ? OUR_NUMBER : number,
      toNumber: isOut ? number : OUR_NUMBER,
      state: "ENDED" as const,
      startedAt: start,
      answeredAt: isAnswered ? new Date(start.getTime() + wait) : null,
      endedAt: new Date(start.getTime() + wait + 90_000),
      talkSec: isAnswered ? Math.floor(random() * 700) : 0,
      managerId: random() < 0.1 ? null : (managers[Math.floor(random() * managers.length)] ?? null),
      clientId: number === caller(1) ? client.id : null,
      lastEventAt: start,
    });
  }
  await db.call.createMany({ data: rows });
  await db.routingDecision.createMany({
    data: rows
      .filter((r) => r.direction === "IN" && random() < 0.5)
      .map((r) => ({
        tenantId,
        callId: r.id,
        outcome: "TRANSFER_WORKPLACE" as const,
        explanation: random() < 0.3 ? [{ kind: "fallback", index: 1 }] : [{ kind: "ruleMatched" }],
        decidedInMs: 2,
        createdAt: new Date(r.startedAt.getTime() + 40),
      })),
  });
  return {
    clientId: client.id,
    calls: rows.map((r) => ({
      id: r.id,
      direction: r.direction,
      answered: r.answeredAt !== null,
      startedAt: r.startedAt,
    })),
  };
}

/** Three active managers (Anna, Boris, Vera) of the tenant; their ids in that order. */
export async function createManagers(tenantId: string, emailDomain: string): Promise<string[]> {
  const ids: string[] = [];
  for (const name of ["Anna", "Boris", "Vera"]) {
    const user = await getDb().user.create({
      data: { tenantId, email: `${name}@${emailDomain}`, name, role: "MANAGER", status: "ACTIVE" },
      select: { id: true },
    });
    ids.push(user.id);
  }
  return ids;
}
