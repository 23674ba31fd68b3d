import { afterEach, describe, expect, it } from "vitest";
import { boot, type Booted } from "@/server/boot";
import { getDb } from "@/server/db";
import { loadConfig } from "@/server/env";
import { createTestDatabase, isEmbeddedTestMode } from "@/server/testing/test-database";
import { authenticateApiKey, revokeApiKey } from "@/server/api-keys/api-keys";
import { hashApiKey } from "@/server/api-keys/key-format";
import { actorOf } from "@/server/testing/actors";

const secret = "env-key-test-secret-0123456789-abcdefghij";
const KEY = "pult_ci-automation-key-0123456789abcdefghijkl";
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

describe.skipIf(isEmbeddedTestMode())("PULT_API_KEY", () => {
  it("creates the key for the first company on first start, once, and a revocation sticks", async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const env = {
      DATABASE_URL: database.url,
      PULT_SECRET: secret,
      PULT_ADMIN_PASSWORD: "first-admin-pw",
      PULT_API_KEY: KEY,
    };
    const start = async (): Promise<Booted> => boot(loadConfig(env));

    const first = await start();
    const keys = () =>
      getDb().apiKey.findMany({
        select: {
          id: true,
          tenantId: true,
          name: true,
          prefix: true,
          keyHash: true,
          revokedAt: true,
        },
      });
    const created = await keys();
    expect(created).toHaveLength(1);
    const tenant = await getDb().tenant.findFirstOrThrow({ select: { id: true } });
    expect(created[0]).toMatchObject({
      tenantId: tenant.id,
      name: "PULT_API_KEY",
      prefix: KEY.slice(0, 11),
      keyHash: hashApiKey(KEY),
    });
    // Only the hash is stored.
    expect(JSON.stringify(created)).not.toContain(KEY);
    const auth = await authenticateApiKey(KEY);
    expect(auth).toEqual({
      ok: true,
      principal: { apiKeyId: created[0]?.id, tenantId: tenant.id },
    });
    const audit = await getDb().auditLog.count({ where: { action: "api_key.create" } });
    expect(audit).toBe(1);
    await first.shutdown();

    const second = await start();
    expect(await keys()).toHaveLength(1);
    const admin = await getDb().user.findFirstOrThrow({ select: { id: true } });
    await revokeApiKey(actorOf(tenant.id, admin.id), created[0]?.id ?? "");
    await second.shutdown();

    const third = await start();
    cleanups.push(() => third.shutdown());
    const after = await keys();
    expect(after).toHaveLength(1);
    expect(after[0]?.revokedAt).not.toBeNull();
    expect(await authenticateApiKey(KEY)).toEqual({ ok: false, reason: "revoked" });
  });
});
