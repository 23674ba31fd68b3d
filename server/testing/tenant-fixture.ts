import { setConfig } from "@/server/config";
import { closeDatabase, getDb, initDatabase } from "@/server/db";
import { loadConfig } from "@/server/env";
import { bootstrapFirstTenant } from "@/server/users/bootstrap";
import { createTestDatabase } from "@/server/testing/test-database";

export type TenantFixture = {
  tenantId: string;
  adminId: string;
  databaseUrl: string;
  teardown(): Promise<void>;
};

/** A fresh migrated database with the first company and its admin, and a resolved config. */
/**
 * A fixed-offset zone in which it is now about noon, for tests of "today" with calls from the
 * last minutes: in the tenant's own zone they failed in the minutes after its midnight.
 */
export function middayTimeZone(now = new Date()): string {
  const hours = 12 - now.getUTCHours(); // -11 … 12: every one is an Etc/GMT zone
  if (hours === 0) return "Etc/GMT";
  // Etc/GMT names count the other way: Etc/GMT-3 is three hours ahead of UTC.
  return `Etc/GMT${hours > 0 ? "-" : "+"}${Math.abs(hours)}`;
}

export async function setUpTenant(opts: { publicUrl?: string } = {}): Promise<TenantFixture> {
  const database = await createTestDatabase();
  setConfig({
    ...loadConfig(opts.publicUrl ? { PUBLIC_URL: opts.publicUrl } : {}),
    pultSecret: "fixture-secret-0123456789-abcdefghijklmn",
    // The simulators and PBX stand-ins of the tests listen on loopback.
    mttAllowPrivate: true,
    // …and so do the CRM stand-ins that receive webhooks and answer lookups.
    webhookAllowPrivate: true,
    // …and the speech services standing in for a recogniser.
    speechAllowPrivate: true,
  });
  initDatabase(database.url);
  await bootstrapFirstTenant({
    tenantName: "Acme",
    adminEmail: "admin@acme.test",
    adminPassword: "admin-password-1",
  });
  const admin = await getDb().user.findFirstOrThrow({
    where: { email: "admin@acme.test" },
    select: { id: true, tenantId: true },
  });
  return {
    tenantId: admin.tenantId,
    adminId: admin.id,
    databaseUrl: database.url,
    async teardown() {
      await closeDatabase();
      await database.drop();
    },
  };
}
