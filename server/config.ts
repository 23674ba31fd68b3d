import { type Config, loadConfig } from "@/server/env";

const store = globalThis as unknown as { __pultConfig?: Config };

/**
 * The validated configuration. server/main.ts validates it before anything starts and puts the
 * resolved secrets into process.env, so route handlers (loaded by Next separately) see the same.
 */
export function getConfig(): Config {
  store.__pultConfig ??= loadConfig(process.env);
  return store.__pultConfig;
}

export function setConfig(config: Config): void {
  store.__pultConfig = config;
}

/** The key for secrets at rest; boot() always resolves it before anything reads it. */
export function requirePultSecret(): string {
  const secret = getConfig().pultSecret;
  if (!secret) throw new Error("PULT_SECRET is not resolved");
  return secret;
}
