// Sign-in brute force: failures are counted per account and per client address, in the
// database (so every instance sees them). Five free tries each; then every further failure
// doubles the wait, and while waiting even the right password is not checked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { ADDRESS_IN_FLIGHT_ALLOWANCE, FREE_ATTEMPTS, verifyLogin } from "@/server/auth/login";

const EMAIL = "admin@acme.test";
const PASSWORD = "admin-password-1";
let fixture: TenantFixture | undefined;
let nextIp = 1;
const freshIp = () => `198.51.100.${nextIp++}`;

/** As if `seconds` had passed for this throttling key. */
async function elapse(key: string, seconds: number): Promise<void> {
  await getDb().$executeRaw`
    UPDATE login_attempts SET created_at = created_at - make_interval(secs => ${seconds}),
      decided_at = decided_at - make_interval(secs => ${seconds})
    WHERE key = ${key}`;
}

const attemptsOf = (key: string) => getDb().loginAttempt.count({ where: { key } });

beforeAll(async () => {
  fixture = await setUpTenant();
});

afterAll(async () => {
  await fixture?.teardown();
});

describe("sign-in throttling", () => {
  it("limits one account however many addresses the guesses come from", async () => {
    for (let i = 0; i < FREE_ATTEMPTS; i++) {
      const result = await verifyLogin({ email: EMAIL, password: `guess-${i}`, ip: freshIp() });
      expect(result).toEqual({ ok: false, reason: "invalid_credentials" });
    }
    // Even the right password from a new address waits now.
    const limited = await verifyLogin({ email: EMAIL, password: PASSWORD, ip: freshIp() });
    expect(limited).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(limited.ok === false && "retryAfterSec" in limited && limited.retryAfterSec).toBe(2);
    // The refused try is not counted, so waiting is enough.
    const before = await attemptsOf(`email:${EMAIL}`);
    await verifyLogin({ email: ` ${EMAIL.toUpperCase()} `, password: "x", ip: freshIp() });
    expect(await attemptsOf(`email:${EMAIL}`)).toBe(before);

    await elapse(`email:${EMAIL}`, 2);
    const after = await verifyLogin({ email: EMAIL, password: PASSWORD, ip: freshIp() });
    expect(after.ok).toBe(true);
  });

  it("limits one address however many accounts it tries", async () => {
    const ip = freshIp();
    for (let i = 0; i < FREE_ATTEMPTS; i++) {
      const result = await verifyLogin({ email: `nobody${i}@acme.test`, password: "x", ip });
      expect(result).toEqual({ ok: false, reason: "invalid_credentials" });
    }
    const limited = await verifyLogin({ email: EMAIL, password: PASSWORD, ip });
    expect(limited).toMatchObject({ ok: false, reason: "rate_limited", retryAfterSec: 2 });
    // The same account from another address is not held up by this one.
    expect((await verifyLogin({ email: EMAIL, password: PASSWORD, ip: freshIp() })).ok).toBe(true);
  });

  it("doubles the wait with every further failure, up to five minutes", async () => {
    const ip = freshIp();
    const email = "ghost@acme.test";
    const waits: number[] = [];
    // Each wait is served in full (the clock moves on by exactly that much) before the next try.
    while (waits.length < 9) {
      const result = await verifyLogin({ email, password: "x", ip });
      if (result.ok === false && result.reason === "rate_limited") {
        waits.push(result.retryAfterSec);
        await elapse(`ip:${ip}`, result.retryAfterSec);
        await elapse(`email:${email}`, result.retryAfterSec);
      }
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 300]);
    // Failures older than the 15-minute window stop counting.
    await elapse(`ip:${ip}`, 15 * 60);
    await elapse(`email:${email}`, 15 * 60);
    expect(await verifyLogin({ email, password: "x", ip })).toEqual({
      ok: false,
      reason: "invalid_credentials",
    });
  });

  it("starts counting afresh after a successful sign-in", async () => {
    const ip = freshIp();
    for (let i = 0; i < FREE_ATTEMPTS - 1; i++)
      await verifyLogin({ email: EMAIL, password: "wrong", ip });
    expect((await verifyLogin({ email: EMAIL, password: PASSWORD, ip })).ok).toBe(true);
    for (let i = 0; i < FREE_ATTEMPTS - 1; i++) {
      const result = await verifyLogin({ email: EMAIL, password: "wrong", ip });
      expect(result).toEqual({ ok: false, reason: "invalid_credentials" });
    }
  });

  it("counts a parallel burst of guesses: only the free tries are checked", async () => {
    const ip = freshIp();
    const email = "burst@acme.test";
    const burst = await Promise.all(
      Array.from({ length: FREE_ATTEMPTS * 3 }, (_, i) =>
        verifyLogin({ email, password: `burst-${i}`, ip }),
      ),
    );
    const reasons = burst.map((r) => (r.ok ? "ok" : r.reason));
    expect(reasons.filter((r) => r === "invalid_credentials")).toHaveLength(FREE_ATTEMPTS);
    expect(reasons.filter((r) => r === "rate_limited")).toHaveLength(FREE_ATTEMPTS * 2);
    // Only the checked guesses are on record; the refused ones cost nothing.
    expect(await attemptsOf(`email:${email}`)).toBe(FREE_ATTEMPTS);
    expect(await attemptsOf(`ip:${ip}`)).toBe(FREE_ATTEMPTS);
  });

  it("lets people behind one address sign in at the same moment", async () => {
    const ip = freshIp();
    const hash = (await getDb().user.findFirstOrThrow({ where: { email: EMAIL } })).passwordHash;
    const emails = Array.from(
      { length: ADDRESS_IN_FLIGHT_ALLOWANCE },
      (_, i) => `office${i}@acme.test`,
    );
    for (const email of emails)
      await getDb().user.create({
        data: {
          tenantId: fixture?.tenantId ?? "",
          email,
          name: email,
          status: "ACTIVE",
          passwordHash: hash,
        },
      });
    const results = await Promise.all(
      emails.map((email) => verifyLogin({ email, password: PASSWORD, ip })),
    );
    expect(results.map((r) => r.ok)).toEqual(emails.map(() => true));
  });

  it("checks a parallel burst of guesses on many accounts only up to the allowance", async () => {
    const ip = freshIp();
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        verifyLogin({ email: `spray${i}@acme.test`, password: "x", ip }),
      ),
    );
    const checked = burst.filter((r) => !r.ok && r.reason === "invalid_credentials").length;
    expect(checked).toBeLessThanOrEqual(FREE_ATTEMPTS + ADDRESS_IN_FLIGHT_ALLOWANCE);
    expect(checked).toBeGreaterThanOrEqual(FREE_ATTEMPTS);
    expect(burst.filter((r) => !r.ok && r.reason === "rate_limited").length).toBe(40 - checked);
  });

  it("does not count a disabled account's right password as a failure", async () => {
    const ip = freshIp();
    const user = await getDb().user.create({
      data: {
        tenantId: fixture?.tenantId ?? "",
        email: "gone@acme.test",
        name: "Gone",
        status: "DISABLED",
        passwordHash: (await getDb().user.findFirstOrThrow({ where: { email: EMAIL } }))
          .passwordHash,
      },
      select: { email: true },
    });
    expect(await verifyLogin({ email: user.email, password: PASSWORD, ip })).toEqual({
      ok: false,
      reason: "disabled",
    });
    expect(await attemptsOf(`email:${user.email}`)).toBe(0);
    expect(await attemptsOf(`ip:${ip}`)).toBe(0);
  });
});
