import { log } from "@/server/logger";
import { startSimulator } from "@/server/pbx-simulator/simulator";

// `npm run simulator`: the PBX simulator on its own port, configured from the environment.
const env = (name: string, fallback: string) => {
  const value = process.env[name]?.trim();
  return value ? value : fallback;
};

const port = Number(env("SIMULATOR_PORT", "4010"));
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`SIMULATOR_PORT must be a port number, got "${process.env.SIMULATOR_PORT}"`);
  process.exit(1);
}

const ringTimeoutMs = Number(env("SIMULATOR_RING_TIMEOUT_MS", "20000"));
if (!Number.isInteger(ringTimeoutMs) || ringTimeoutMs < 100) {
  console.error(
    `SIMULATOR_RING_TIMEOUT_MS must be a whole number of milliseconds ≥ 100, got "${process.env.SIMULATOR_RING_TIMEOUT_MS}"`,
  );
  process.exit(1);
}

// Comma-separated milliseconds between notification attempts (default 1 s, 5 s, 30 s, 2 min, 10 min).
const retryDelays = process.env.SIMULATOR_RETRY_DELAYS_MS?.trim();
const notificationRetryDelaysMs = retryDelays ? retryDelays.split(",").map(Number) : undefined;
if (notificationRetryDelaysMs?.some((ms) => !Number.isInteger(ms) || ms < 0)) {
  console.error(
    `SIMULATOR_RETRY_DELAYS_MS must be comma-separated whole milliseconds, got "${retryDelays}"`,
  );
  process.exit(1);
}

const credentials = {
  clientId: env("SIMULATOR_CLIENT_ID", "pult-demo"),
  clientSecret: env("SIMULATOR_CLIENT_SECRET", "pult-demo-secret"),
  login: env("SIMULATOR_LOGIN", "demo"),
  password: env("SIMULATOR_PASSWORD", "demo-password"),
};
const redirectUri = process.env.SIMULATOR_REDIRECT_URI?.trim() || undefined;

const simulator = await startSimulator({
  port,
  host: env("SIMULATOR_HOST", "127.0.0.1"),
  publicUrl: process.env.SIMULATOR_PUBLIC_URL?.trim() || undefined,
  ...credentials,
  redirectUri,
  seed: env("SIMULATOR_SEED", "1"),
  ringTimeoutMs,
  notificationRetryDelaysMs,
  log,
});

console.log(
  [
    `MTT Business PBX simulator is running at ${simulator.url}`,
    `  Demo phones:   ${simulator.url}/phones`,
    `  OAuth:         ${simulator.url}/oauth/authorize, ${simulator.url}/oauth/token`,
    `  JSON-RPC API:  ${simulator.url}/vats/v1`,
    `  Client id:     ${credentials.clientId}`,
    `  Client secret: ${credentials.clientSecret}`,
    `  Cabinet login: ${credentials.login} / ${credentials.password}`,
    `  Redirect URI:  ${redirectUri ?? "(not registered: the first OAuth authorize registers it)"}`,
  ].join("\n"),
);

let isStopping = false;
async function stop(signal: string): Promise<void> {
  if (isStopping) return;
  isStopping = true;
  log.info("simulator stopping", { signal });
  await simulator.close();
  process.exit(0);
}

process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
