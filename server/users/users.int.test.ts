import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import type { SessionUser } from "@/server/auth/session-user";
import { verifyLogin } from "@/server/auth/login";
import { closeDatabase, getDb, initDatabase } from "@/server/db";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { bootstrapFirstTenant } from "@/server/users/bootstrap";

let database: TestDatabase | undefined;
let admin: SessionUser;
let otherTenantAdmin: SessionUser;

function callerFor(user: SessionUser | null, ip = "203.0.113.5") {
  return createCaller({ user, ip });
}

async function sessionUserByEmail(email: string): Promise<SessionUser> {
  const user = await getDb().user.findFirstOrThrow({
    where: { email, status: { not: "INVITED" } },
    select: { id: true, email: true, name: true, role: true, tenantId: true },
  });
  return { ...user, locale: null };
}

function tokenFrom(inviteUrl: string): string {
  return inviteUrl.split("/invite/")[1] ?? "";
}

beforeAll(async () => {
  database = await createTestDatabase();
  initDatabase(database.url);
  const first = await bootstrapFirstTenant({
    tenantName: "Acme",
    adminEmail: "Admin@Acme.test",
    adminPassword: "admin-password-1",
  });
  expect(first).toMatchObject({
    created: true,
    email: "admin@acme.test",
    passwordGenerated: false,
  });
  admin = await sessionUserByEmail("admin@acme.test");
  // A second company on the same database, for isolation checks.
  const tenant = await getDb().tenant.create({ data: { name: "Other" } });
  await getDb().user.create({
    data: {
      tenantId: tenant.id,
      email: "admin@other.test",
      name: "Other admin",
      role: "ADMIN",
      status: "ACTIVE",
    },
  });
  otherTenantAdmin = await sessionUserByEmail("admin@other.test");
});

afterAll(async () => {
  await closeDatabase();
  await database?.drop();
});

beforeEach(async () => {
  await getDb().loginAttempt.deleteMany();
});

describe("first start", () => {
  it("creates the tenant and admin only once", async () => {
    await expect(
      bootstrapFirstTenant({ tenantName: "Again", adminEmail: "x@y.test" }),
    ).resolves.toEqual({ created: false });
    expect(await getDb().user.count({ where: { email: "x@y.test" } })).toBe(0);
  });

  it("lets the admin sign in with the configured password", async () => {
    const ok = await verifyLogin({
      email: " ADMIN@acme.test ",
      password: "admin-password-1",
      ip: "203.0.113.1",
    });
    expect(ok).toMatchObject({ ok: true, user: { id: admin.id } });
    const wrong = await verifyLogin({
      email: "admin@acme.test",
      password: "nope",
      ip: "203.0.113.1",
    });
    expect(wrong).toEqual({ ok: false, reason: "invalid_credentials" });
    const unknown = await verifyLogin({
      email: "ghost@acme.test",
      password: "nope",
      ip: "203.0.113.1",
    });
    expect(unknown).toEqual({ ok: false, reason: "invalid_credentials" });
  });
});

describe("sign-in throttling", () => {
  it("slows down repeated failures from one address, then recovers", async () => {
    const ip = "198.51.100.7";
    for (let i = 0; i < 5; i++) {
      expect((await verifyLogin({ email: `nobody${i}@acme.test`, password: "x", ip })).ok).toBe(
        false,
      );
    }
    const blocked = await verifyLogin({
      email: "admin@acme.test",
      password: "admin-password-1",
      ip,
    });
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(
      blocked.ok === false && blocked.reason === "rate_limited" && blocked.retryAfterSec,
    ).toBeGreaterThan(0);
    // Another address is not affected.
    expect(
      (
        await verifyLogin({
          email: "admin@acme.test",
          password: "admin-password-1",
          ip: "198.51.100.8",
        })
      ).ok,
    ).toBe(true);
    // Once the wait has passed the right password works again.
    const minuteAgo = new Date(Date.now() - 60_000);
    await getDb().loginAttempt.updateMany({ data: { createdAt: minuteAgo, decidedAt: minuteAgo } });
    expect(
      (await verifyLogin({ email: "admin@acme.test", password: "admin-password-1", ip })).ok,
    ).toBe(true);
  });

  it("also throttles one account attacked from many addresses", async () => {
    for (let i = 0; i < 5; i++)
      await verifyLogin({ email: "admin@acme.test", password: "wrong", ip: `192.0.2.${i}` });
    const result = await verifyLogin({
      email: "admin@acme.test",
      password: "admin-password-1",
      ip: "192.0.2.99",
    });
    expect(result).toMatchObject({ ok: false, reason: "rate_limited" });
  });
});

describe("users procedures", () => {
  it("refuse anonymous callers and non-admins", async () => {
    await expect(callerFor(null).users.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const { inviteUrl } = await callerFor(admin).users.invite({
      email: "sup@acme.test",
      name: "Sup",
      role: "SUPERVISOR",
    });
    await callerFor(null).invites.accept({
      token: tokenFrom(inviteUrl),
      name: "Sup",
      password: "supervisor-pw-1",
    });
    const supervisor = await sessionUserByEmail("sup@acme.test");
    await expect(callerFor(supervisor).users.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      callerFor(supervisor).users.invite({ email: "x@acme.test", name: "X", role: "ADMIN" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("invite → accept → sign in, with the audit trail", async () => {
    const caller = callerFor(admin);
    const invite = await caller.users.invite({
      email: " Manager@Acme.test ",
      name: "Maria",
      role: "MANAGER",
    });
    expect(invite.inviteUrl).toMatch(/\/invite\/[\w-]{43}$/);
    const listed = (await caller.users.list()).find((u) => u.id === invite.userId);
    expect(listed).toMatchObject({
      email: "manager@acme.test",
      status: "INVITED",
      role: "MANAGER",
    });

    const token = tokenFrom(invite.inviteUrl);
    await expect(callerFor(null).invites.get({ token })).resolves.toEqual({
      email: "manager@acme.test",
      name: "Maria",
      tenantName: "Acme",
    });
    await expect(
      callerFor(null).invites.accept({ token, name: "Maria I.", password: "short" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await callerFor(null).invites.accept({
      token,
      name: "Maria I.",
      password: "manager-password-1",
    });
    await expect(
      callerFor(null).invites.accept({ token, name: "X", password: "another-password" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(
      (await verifyLogin({ email: "manager@acme.test", password: "manager-password-1", ip: null }))
        .ok,
    ).toBe(true);

    const actions = await getDb().auditLog.findMany({
      where: { targetId: invite.userId },
      select: { action: true },
    });
    expect(actions.map((a) => a.action).sort()).toEqual(["user.invite", "user.invite.accept"]);
  });

  it("rejects a duplicate email with a clear error and keeps the first account", async () => {
    await expect(
      callerFor(admin).users.invite({ email: "admin@acme.test", name: "Dup", role: "MANAGER" }),
    ).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "EMAIL_TAKEN" } });
    expect((await sessionUserByEmail("admin@acme.test")).role).toBe("ADMIN");
  });

  // Answering "already exists" for an address of another company would tell any admin who has
  // an account elsewhere on this server.
  it("invites an email of another company exactly as a new one, and never lets it in", async () => {
    const taken = await callerFor(admin).users.invite({
      email: "admin@other.test",
      name: "Someone",
      role: "MANAGER",
    });
    const fresh = await callerFor(admin).users.invite({
      email: "fresh@nowhere.test",
      name: "Someone else",
      role: "MANAGER",
    });
    expect(Object.keys(taken).sort()).toEqual(Object.keys(fresh).sort());
    const listed = (await callerFor(admin).users.list()).filter((u) =>
      ["admin@other.test", "fresh@nowhere.test"].includes(u.email),
    );
    expect(listed.map((u) => [u.email, u.status]).sort()).toEqual([
      ["admin@other.test", "INVITED"],
      ["fresh@nowhere.test", "INVITED"],
    ]);
    await expect(
      callerFor(null).invites.get({ token: tokenFrom(taken.inviteUrl) }),
    ).resolves.toMatchObject({ email: "admin@other.test", tenantName: "Acme" });
    // One address signs in to one company: the other company's account stays as it was.
    await expect(
      callerFor(null).invites.accept({
        token: tokenFrom(taken.inviteUrl),
        name: "Intruder",
        password: "intruder-password-1",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", cause: { code: "INVITE_INVALID" } });
    const other = await getDb().user.findFirstOrThrow({
      where: { email: "admin@other.test", tenantId: otherTenantAdmin.tenantId },
      select: { name: true, status: true, role: true },
    });
    expect(other).toEqual({ name: "Other admin", status: "ACTIVE", role: "ADMIN" });
    // Inviting it twice in the same company is a plain duplicate, as for any address.
    await expect(
      callerFor(admin).users.invite({ email: "admin@other.test", name: "Again", role: "MANAGER" }),
    ).rejects.toMatchObject({ cause: { code: "EMAIL_TAKEN" } });
  });

  it("returns field errors for bad input", async () => {
    const error: unknown = await callerFor(admin)
      .users.invite({ email: "not-an-email", name: "", role: "MANAGER" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("keeps at least one active admin and refuses self-disable", async () => {
    const caller = callerFor(admin);
    await expect(caller.users.update({ userId: admin.id, role: "MANAGER" })).rejects.toMatchObject({
      cause: { code: "LAST_ADMIN" },
    });
    await expect(
      caller.users.setStatus({ userId: admin.id, status: "DISABLED" }),
    ).rejects.toMatchObject({
      cause: { code: "SELF_ACTION" },
    });
    expect((await sessionUserByEmail("admin@acme.test")).role).toBe("ADMIN");
  });

  it("disabling a user blocks sign-in and revokes sessions", async () => {
    const { userId, inviteUrl } = await callerFor(admin).users.invite({
      email: "leaver@acme.test",
      name: "Leaver",
      role: "MANAGER",
    });
    await callerFor(null).invites.accept({
      token: tokenFrom(inviteUrl),
      name: "Leaver",
      password: "leaver-password",
    });
    const before = await getDb().user.findUniqueOrThrow({
      where: { id: userId },
      select: { sessionVersion: true },
    });
    await callerFor(admin).users.setStatus({ userId, status: "DISABLED" });
    const after = await getDb().user.findUniqueOrThrow({
      where: { id: userId },
      select: { sessionVersion: true },
    });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(
      await verifyLogin({ email: "leaver@acme.test", password: "leaver-password", ip: null }),
    ).toEqual({
      ok: false,
      reason: "disabled",
    });
  });

  it("never crosses tenants", async () => {
    const other = callerFor(otherTenantAdmin);
    const emails = (await other.users.list()).map((u) => u.email);
    expect(emails).toEqual(["admin@other.test"]);
    await expect(other.users.update({ userId: admin.id, role: "MANAGER" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      other.users.setStatus({ userId: admin.id, status: "DISABLED" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await sessionUserByEmail("admin@acme.test")).role).toBe("ADMIN");
  });

  it("remembers the language per user", async () => {
    await callerFor(admin).me.setLocale({ locale: "en" });
    await expect(callerFor(admin).me.get()).resolves.toMatchObject({
      locale: "en",
      tenant: { name: "Acme" },
    });
  });
});
