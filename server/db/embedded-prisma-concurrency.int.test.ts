import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, getDb, initDatabase } from "@/server/db";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";

// Reproduces what once broke the embedded mode: reads from the pool while an interactive
// transaction runs on another connection got the transaction's answers instead of their own.
let database: TestDatabase | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  initDatabase(database.url);
});

afterAll(async () => {
  await closeDatabase();
  await database?.drop();
});

describe("Prisma on the configured database under concurrency", () => {
  it("every read during interactive transactions gets its own, consistent answer", async () => {
    const db = getDb();
    const tenant = await db.tenant.create({ data: { name: "Acme" }, select: { id: true } });
    const reads: Array<Promise<unknown>> = [];
    const poll = setInterval(() => {
      reads.push(
        db.tenant.findUnique({ where: { id: tenant.id }, select: { id: true, name: true } }),
      );
      reads.push(db.user.count({ where: { tenantId: tenant.id } }));
    }, 2);
    try {
      for (let round = 0; round < 3; round++) {
        await db.$transaction(async (tx) => {
          for (let i = 0; i < 40; i++) {
            await tx.tenant.update({
              where: { id: tenant.id },
              data: { name: `Acme ${round}-${i}` },
            });
            await tx.auditLog.create({
              data: { tenantId: tenant.id, action: "test.step", data: { round, i } },
            });
          }
        });
      }
    } finally {
      clearInterval(poll);
    }
    const answers = await Promise.all(reads);
    expect(answers.length).toBeGreaterThan(10);
    answers.forEach((answer, index) => {
      if (index % 2 === 1) return expect(answer).toBe(0);
      expect(answer).toMatchObject({ id: tenant.id });
      expect((answer as { name: string }).name).toMatch(/^Acme/);
    });
    expect(await db.auditLog.count({ where: { tenantId: tenant.id } })).toBe(120);
  });
});
