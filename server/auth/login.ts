import { burnPasswordCheck, verifyPassword } from "../crypto/password";
import { getDb } from "../db";

// Five free tries per address and per account within the window; after that each further
// failure doubles the wait (2 s, 4 s, … capped at 5 min) before the next try is even checked.
export const FREE_ATTEMPTS = 5;
const WINDOW_MS = 15 * 60 * 1000;
const MAX_DELAY_SEC = 300;

export type LoginResult =
  | { ok: true; user: { id: string; tenantId: string } }
  | { ok: false; reason: "invalid_credentials" | "disabled" }
  | { ok: false; reason: "rate_limited"; retryAfterSec: number };

export function requiredDelaySec(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(2 ** (failures - FREE_ATTEMPTS + 1), MAX_DELAY_SEC);
}

async function retryAfterFor(key: string, now: Date): Promise<number> {
  const db = getDb();
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { key, success: true, createdAt: { gte: new Date(now.getTime() - WINDOW_MS) } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const since = lastSuccess?.createdAt ?? new Date(now.getTime() - WINDOW_MS);
  const failures = await db.loginAttempt.findMany({
    where: { key, success: false, createdAt: { gt: since } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
    take: 64,
  });
  const delay = requiredDelaySec(failures.length);
  const last = failures[0];
  if (delay === 0 || !last) return 0;
  const waitMs = last.createdAt.getTime() + delay * 1000 - now.getTime();
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
}

async function recordAttempt(keys: string[], success: boolean): Promise<void> {
  const db = getDb();
  await db.loginAttempt.createMany({ data: keys.map((key) => ({ key, success })) });
  // Keep the table small: attempts older than a day no longer influence anything.
  await db.loginAttempt.deleteMany({
    where: { key: { in: keys }, createdAt: { lt: new Date(Date.now() - 86_400_000) } },
  });
}

export async function verifyLogin(input: {
  email: string;
  password: string;
  ip: string | null;
}): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const keys = [`email:${email}`, ...(input.ip ? [`ip:${input.ip}`] : [])];
  const now = new Date();
  const waits = await Promise.all(keys.map((key) => retryAfterFor(key, now)));
  const retryAfterSec = Math.max(0, ...waits);
  if (retryAfterSec > 0) return { ok: false, reason: "rate_limited", retryAfterSec };

  const user = await getDb().user.findUnique({
    where: { email },
    select: { id: true, tenantId: true, passwordHash: true, status: true },
  });
  if (!user?.passwordHash) {
    await burnPasswordCheck(input.password);
    await recordAttempt(keys, false);
    return { ok: false, reason: "invalid_credentials" };
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    await recordAttempt(keys, false);
    return { ok: false, reason: "invalid_credentials" };
  }
  // Only someone who knows the password learns that the account is disabled.
  if (user.status !== "ACTIVE") return { ok: false, reason: "disabled" };
  await recordAttempt(keys, true);
  await getDb().user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
  return { ok: true, user: { id: user.id, tenantId: user.tenantId } };
}
