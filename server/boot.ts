import { ensureEnvApiKey } from "@/server/api-keys/api-keys";
import { deriveKey } from "@/server/crypto/secret-box";
import { closeDatabase, initDatabase } from "@/server/db";
import { applyMigrations, getPendingMigrations } from "@/server/db/migrations";
import { type Config, resolvePultSecret } from "@/server/env";
import { setConfig } from "@/server/config";
import { log } from "@/server/logger";
import { bootstrapFirstTenant, type BootstrapResult } from "@/server/users/bootstrap";

export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupError";
  }
}

export type Booted = {
  config: Config;
  authSecret: string;
  databaseUrl: string;
  bootstrap: BootstrapResult;
  shutdown(): Promise<void>;
};

/**
 * Everything before HTTP: database (embedded or server), secrets, first tenant. Resolved secrets
 * go into process.env so that code Next loads separately (route handlers, next-auth) sees them.
 */
export async function boot(config: Config): Promise<Booted> {
  let closeEmbedded: (() => Promise<void>) | undefined;
  let databaseUrl: string;
  if (config.databaseUrl) {
    databaseUrl = config.databaseUrl;
    const pending = await getPendingMigrations(databaseUrl).catch((error: unknown) => {
      throw new StartupError(
        `Cannot reach the database at DATABASE_URL: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    if (pending.length > 0) {
      throw new StartupError(
        `The database has ${pending.length} pending migration(s) (${pending.join(", ")}). Run "npm run db:migrate" first.`,
      );
    }
  } else {
    log.info(`Using the embedded database in ${config.dataDir}`);
    // Loaded only in this mode: PGlite's modules alone add ~50 MB to a server's memory.
    const { startEmbeddedDatabase } = await import("@/server/db/embedded");
    const embedded = await startEmbeddedDatabase({
      dataDir: config.dataDir,
      log: (msg) => log.info(msg),
    });
    closeEmbedded = () => embedded.close();
    databaseUrl = embedded.url;
    const { applied } = await applyMigrations(databaseUrl);
    if (applied.length > 0) log.info(`Applied ${applied.length} migration(s)`, { applied });
  }

  const { secret, generated } = resolvePultSecret(config);
  if (generated)
    log.info(`Generated an encryption key in ${config.dataDir}/secret.key (keep it with the data)`);
  const authSecret = config.authSecret ?? deriveKey(secret, "auth-secret").toString("base64url");
  process.env.PULT_SECRET = secret;
  process.env.AUTH_SECRET = authSecret;
  process.env.AUTH_TRUST_HOST = "true";
  process.env.AUTH_URL = `${config.publicUrl}/api/auth`;
  const resolved = { ...config, pultSecret: secret, authSecret };
  setConfig(resolved);

  initDatabase(databaseUrl, { poolMax: config.databasePoolMax });
  const bootstrap = await bootstrapFirstTenant({
    tenantName: config.tenantName,
    adminEmail: config.adminEmail,
    adminPassword: config.adminPassword,
  });
  if (config.apiKey) {
    const apiKey = await ensureEnvApiKey(config.apiKey);
    if (apiKey.created) log.info(`Created the API key from PULT_API_KEY (${apiKey.prefix}…)`);
  }

  return {
    config: resolved,
    authSecret,
    databaseUrl,
    bootstrap,
    async shutdown() {
      await closeDatabase();
      await closeEmbedded?.();
    },
  };
}
