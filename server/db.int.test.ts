import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDatabase, getDb, initDatabase, pingDatabase, Prisma, Role } from "./db";
import { createTestDatabase, type TestDatabase } from "./testing/test-database";

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
    const user = await prisma.user.findUnique({
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

  it("enforces globally unique emails across tenants", async () => {
    const prisma = getDb();
    const other = await prisma.tenant.create({ data: { name: "Other" }, select: { id: true } });
    const duplicate = prisma.user.create({
      data: { tenantId: other.id, email: "anna@acme.test", name: "Impostor" },
    });
    await expect(duplicate).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    await expect(duplicate).rejects.toMatchObject({ code: "P2002" });
  });

  it("shares one client through globalThis when the module is loaded again", async () => {
    vi.resetModules();
    const reloaded = await import("./db");
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
