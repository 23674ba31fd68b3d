import { generatePassword, hashPassword } from "@/server/crypto/password";
import { getDb } from "@/server/db";
import { createDefaultRules } from "@/server/routing/service";

export type BootstrapResult =
  | { created: false }
  | {
      created: true;
      tenantName: string;
      email: string;
      password: string;
      passwordGenerated: boolean;
    };

/**
 * First start with an empty database: create the company and its administrator. The password
 * comes from PULT_ADMIN_PASSWORD or is generated and returned so the caller can print it once.
 */
export async function bootstrapFirstTenant(opts: {
  tenantName: string;
  adminEmail: string;
  adminPassword?: string;
}): Promise<BootstrapResult> {
  const db = getDb();
  const password = opts.adminPassword ?? generatePassword();
  const passwordHash = await hashPassword(password);
  return db.$transaction(
    async (tx) => {
      // Serialises concurrent first starts of several instances on one database.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(727001)`;
      if ((await tx.tenant.count()) > 0) return { created: false } as const;
      const tenant = await tx.tenant.create({
        data: { name: opts.tenantName },
        select: { id: true },
      });
      const admin = await tx.user.create({
        data: {
          tenantId: tenant.id,
          email: opts.adminEmail.toLowerCase(),
          name: "Administrator",
          role: "ADMIN",
          status: "ACTIVE",
          passwordHash,
        },
        select: { id: true },
      });
      await tx.auditLog.create({
        data: { tenantId: tenant.id, actorUserId: admin.id, action: "tenant.bootstrap", data: {} },
      });
      // Routing starts as "personal manager, else the PBX's standard route".
      await createDefaultRules(tx, tenant.id);
      return {
        created: true,
        tenantName: opts.tenantName,
        email: opts.adminEmail.toLowerCase(),
        password,
        passwordGenerated: opts.adminPassword === undefined,
      } as const;
      // Start-up, not a request: the embedded database on a busy machine can take longer than
      // Prisma's 5 s default for these few statements.
    },
    { timeout: 60_000 },
  );
}
