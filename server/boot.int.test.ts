import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { boot, StartupError, type Booted } from "@/server/boot";
import { getDb } from "@/server/db";
import { DataDirLockedError } from "@/server/db/data-dir-lock";
import { loadConfig } from "@/server/env";
import { checkHealth } from "@/server/health";
import {
  createTestDatabase,
  isEmbeddedTestMode,
  type TestDatabase,
} from "@/server/testing/test-database";

const secret = "boot-test-secret-0123456789-abcdefghijklmn";
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function bootAndTrack(env: Record<string, string>): Promise<Booted> {
  const booted = await boot(loadConfig({ PULT_ADMIN_PASSWORD: "first-admin-pw", ...env }));
  cleanups.push(() => booted.shutdown());
  return booted;
}

async function testDatabase(opts: { migrate: boolean }): Promise<TestDatabase> {
  const database = await createTestDatabase(opts);
  cleanups.unshift(() => database.drop());
  return database;
}

describe.skipIf(isEmbeddedTestMode())("start with DATABASE_URL", () => {
  it("refuses an unmigrated database and says what to run", async () => {
    const database = await testDatabase({ migrate: false });
    const error: unknown = await boot(
      loadConfig({ DATABASE_URL: database.url, PULT_SECRET: secret }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toMatch(
      /has \d+ pending migration\(s\) \(\d{14}_init(, \d{14}_\w+)*\)\. Run "npm run db:migrate" first\./,
    );
  });

  it("starts on a migrated database, creates the admin once and reports healthy", async () => {
    const database = await testDatabase({ migrate: true });
    const first = await bootAndTrack({ DATABASE_URL: database.url, PULT_SECRET: secret });
    expect(first.bootstrap).toMatchObject({
      created: true,
      email: "admin@pult.local",
      password: "first-admin-pw",
    });
    expect(process.env.AUTH_SECRET).toBe(first.authSecret);
    await expect(checkHealth()).resolves.toEqual({ status: "ok", db: "ok" });
    await first.shutdown();
    cleanups.pop();
    await expect(checkHealth()).resolves.toEqual({ status: "error", db: "error" });
    const second = await bootAndTrack({ DATABASE_URL: database.url, PULT_SECRET: secret });
    expect(second.bootstrap).toEqual({ created: false });
    expect(second.authSecret).toBe(first.authSecret);
  });
});

describe.runIf(isEmbeddedTestMode())("start with the embedded database", () => {
  it("keeps data across restarts and locks the folder against a second server", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "pult-boot-"));
    cleanups.unshift(() => rm(dataDir, { recursive: true, force: true }));
    const first = await bootAndTrack({ DATA_DIR: dataDir });
    expect(first.bootstrap.created).toBe(true);
    await getDb().tenant.updateMany({ data: { name: "Renamed before restart" } });

    const error: unknown = await boot(loadConfig({ DATA_DIR: dataDir })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toContain(`is using the data folder ${dataDir}`);

    await first.shutdown();
    cleanups.pop();
    const second = await bootAndTrack({ DATA_DIR: dataDir });
    expect(second.bootstrap).toEqual({ created: false });
    expect(second.authSecret).toBe(first.authSecret);
    expect((await getDb().tenant.findFirstOrThrow()).name).toBe("Renamed before restart");
  });
});
