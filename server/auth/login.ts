import { randomUUID } from "node:crypto";
import { burnPasswordCheck, verifyPassword } from "@/server/crypto/password";
import { getDb, type Prisma } from "@/server/db";

// Five free tries per address and per account within the window; after that each further
// failure doubles the wait (2 s, 4 s, … capped at 5 min) before the next try is even checked.
export const FREE_ATTEMPTS = 5;
const WINDOW_MS = 15 * 60 * 1000;
const MAX_DELAY_SEC = 300;
// Tries on one address still being checked count as failures only beyond this many: people
// behind one office NAT sign in at the same moment, and their tries are not guesses until
// decided. An account's own tries in flight always count (a burst on one account is a guess).
export const ADDRESS_IN_FLIGHT_ALLOWANCE = 10;

export type LoginResult =
  | { ok: true; user: { id: string; tenantId: string } }
  | { ok: false; reason: "invalid_credentials" | "disabled" }
  | { ok: false; reason: "rate_limited"; retryAfterSec: number };

export function requiredDelaySec(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(2 ** (failures - FREE_ATTEMPTS + 1), MAX_DELAY_SEC);
}

type Tx = Prisma.TransactionClient;

/** The wait a try on this key owes, from the failures on record (those being checked too). */
async function retryAfterFor(tx: Tx, key: string, now: Date): Promise<number> {
  const lastSuccess = await tx.loginAttempt.findFirst({
    where: { key, success: true, createdAt: { gte: new Date(now.getTime() - WINDOW_MS) } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const since = lastSuccess?.createdAt ?? new Date(now.getTime() - WINDOW_MS);
  const recorded = await tx.loginAttempt.findMany({
    where: { key, success: false, createdAt: { gt: since } },
    orderBy: { createdAt: "desc" },
    select: { decidedAt: true },
    take: 64,
  });
  const inFlight = recorded.filter((f) => f.decidedAt === null);
  const failures = key.startsWith("ip:")
    ? [
        ...recorded.filter((f) => f.decidedAt !== null),
        ...inFlight.slice(ADDRESS_IN_FLIGHT_ALLOWANCE),
      ]
    : recorded;
  const delay = requiredDelaySec(failures.length);
  if (delay === 0 || failures.length === 0) return 0;
  // From the end of the latest failure; one still being checked counts from now on.
  const last = Math.max(...failures.map((f) => (f.decidedAt ?? now).getTime()));
  const waitMs = last + delay * 1000 - now.getTime();
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
}

/**
 * Counts and records a try in one step, before the password is checked: reading the count first
 * and writing failures after let a parallel burst all read the same count and skip the backoff.
 * The try is written as a failure (a right password turns it into a success); tries on the same
 * account or address wait for each other here, for the few queries this takes.
 */
async function admitAttempt(
  keys: string[],
): Promise<{ ids: string[] } | { retryAfterSec: number }> {
  return getDb().$transaction(
    async (tx) => {
      for (const key of [...keys].sort())
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`login:${key}`}, 0))`;
      const now = new Date();
      let retryAfterSec = 0;
      for (const key of keys)
        retryAfterSec = Math.max(retryAfterSec, await retryAfterFor(tx, key, now));
      if (retryAfterSec > 0) return { retryAfterSec };
      const ids = keys.map(() => randomUUID());
      await tx.loginAttempt.createMany({
        data: keys.map((key, i) => ({ id: ids[i], key, success: false })),
      });
      return { ids };
    },
    { maxWait: 10_000, timeout: 10_000 },
  );
}

// Keep the table small: attempts older than a day no longer influence anything.
async function pruneAttempts(keys: string[]): Promise<void> {
  await getDb().loginAttempt.deleteMany({
    where: { key: { in: keys }, createdAt: { lt: new Date(Date.now() - 86_400_000) } },
  });
}

export async function verifyLogin(input: {
  email: string;
  password: string;
  ip: string | null;
}): Promise<LoginResult> {
  const db = getDb();
  const email = input.email.trim().toLowerCase();
  const keys = [`email:${email}`, ...(input.ip ? [`ip:${input.ip}`] : [])];
  const admitted = await admitAttempt(keys);
  if ("retryAfterSec" in admitted)
    return { ok: false, reason: "rate_limited", retryAfterSec: admitted.retryAfterSec };
  const { ids } = admitted;

  const user = await db.user.findFirst({
    where: { email, status: { not: "INVITED" } },
    select: { id: true, tenantId: true, passwordHash: true, status: true },
  });
  const fail = async (): Promise<LoginResult> => {
    await db.loginAttempt.updateMany({
      where: { id: { in: ids } },
      data: { decidedAt: new Date() },
    });
    await pruneAttempts(keys);
    return { ok: false, reason: "invalid_credentials" };
  };
  if (!user?.passwordHash) {
    await burnPasswordCheck(input.password);
    return fail();
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) return fail();
  // Only someone who knows the password learns that the account is disabled; that try is
  // neither a failure nor a success.
  if (user.status !== "ACTIVE") {
    await db.loginAttempt.deleteMany({ where: { id: { in: ids } } });
    return { ok: false, reason: "disabled" };
  }
  await db.loginAttempt.updateMany({
    where: { id: { in: ids } },
    data: { success: true, decidedAt: new Date() },
  });
  await pruneAttempts(keys);
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { ok: true, user: { id: user.id, tenantId: user.tenantId } };
}
