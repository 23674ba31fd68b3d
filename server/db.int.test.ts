import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDatabase, getDb, initDatabase, pingDatabase, Prisma, Role } from "@/server/db";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  initDatabase(db.url);
});

afterAll(async () => {
  await closeDatabase();
  await db?.drop();
});

describe("server/db", () => {
  it("creates and reads a tenant and a user on the migrated schema", async () => {
    const prisma = getDb();
    const tenant = await prisma.tenant.create({ data: { name: "Acme" }, select: { id: true } });
    await prisma.user.create({
      data: { tenantId: tenant.id, email: "anna@acme.test", name: "Anna", role: Role.SUPERVISOR },
    });
    const user = await prisma.user.findFirst({
      where: { email: "anna@acme.test" },
      select: {
        name: true,
        role: true,
        status: true,
        presence: true,
        sessionVersion: true,
        tenant: { select: { name: true, timeZone: true, locale: true, settings: true } },
      },
    });
    expect(user).toEqual({
      name: "Anna",
      role: "SUPERVISOR",
      status: "INVITED",
      presence: "OFFLINE",
      sessionVersion: 0,
      tenant: { name: "Acme", timeZone: "Europe/Moscow", locale: "ru", settings: {} },
    });
  });

  // Sign-in is by email alone: one account per address everywhere. Invitations may repeat an
  // address across companies (inviting one must not reveal an account elsewhere).
  it("keeps one account per address across tenants, and one user per address in a tenant", async () => {
    const prisma = getDb();
    const acme = await prisma.tenant.findFirstOrThrow({ where: { name: "Acme" } });
    const other = await prisma.tenant.create({ data: { name: "Other" }, select: { id: true } });
    await prisma.user.update({
      where: { tenantId_email: { tenantId: acme.id, email: "anna@acme.test" } },
      data: { status: "ACTIVE" },
    });
    const rejections = [
      prisma.user.create({
        data: { tenantId: other.id, email: "anna@acme.test", name: "Impostor", status: "ACTIVE" },
      }),
      prisma.user.create({ data: { tenantId: acme.id, email: "anna@acme.test", name: "Twin" } }),
    ];
    for (const rejected of rejections) {
      await expect(rejected).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
      await expect(rejected).rejects.toMatchObject({ code: "P2002" });
    }
    const invited = await prisma.user.create({
      data: { tenantId: other.id, email: "anna@acme.test", name: "Invited" },
      select: { id: true },
    });
    await expect(
      prisma.user.update({ where: { id: invited.id }, data: { status: "ACTIVE" } }),
    ).rejects.toMatchObject({ code: "P2002" });
  });

  it("shares one client through globalThis when the module is loaded again", async () => {
    vi.resetModules();
    const reloaded = await import("@/server/db");
    expect(reloaded.getDb()).toBe(getDb());
    expect(reloaded.initDatabase(db.url)).toBe(getDb());
    expect(() => reloaded.initDatabase("postgresql://postgres@127.0.0.1:1/other")).toThrow(
      /already initialised/,
    );
  });

  it("answers health pings", async () => {
    expect(await pingDatabase()).toBe(true);
  });
});

describe("server/db lifecycle", () => {
  it("fails clearly when not initialised and pings false for an unreachable server", async () => {
    await closeDatabase();
    expect(() => getDb()).toThrow(/not initialised/);
    expect(await pingDatabase()).toBe(false);

    initDatabase("postgresql://postgres@127.0.0.1:1/nowhere");
    const startedAt = Date.now();
    expect(await pingDatabase(1_000)).toBe(false);
    expect(Date.now() - startedAt).toBeLessThan(3_000);
    await closeDatabase();

    initDatabase(db.url);
    expect(await pingDatabase()).toBe(true);
  });
});
