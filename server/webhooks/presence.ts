// Which companies have an enabled webhook endpoint, as this process last read it: the fold's
// hook (fold-hook.ts) skips building and sending the events of companies known to have none, so
// a Pult without webhooks pays nothing on the live path. Never read on the hot path: an unknown
// or stale answer is "maybe" (the statement's own EXISTS then decides), and the refresh runs in
// the background. After the first endpoint of a company is enabled on another instance, this
// one may skip that company's events for up to FRESH_MS.
import { getPool } from "@/server/db";
import { log } from "@/server/logger";

const FRESH_MS = 5_000;

type State = { tenants: Set<string>; loadedAt: number; loading: Promise<void> | null };
const holder = globalThis as unknown as { __pultWebhookPresence?: State };
const state = (): State =>
  (holder.__pultWebhookPresence ??= { tenants: new Set(), loadedAt: 0, loading: null });

async function load(s: State): Promise<void> {
  try {
    const result = await getPool().query<{ tenant_id: string }>(
      `SELECT DISTINCT tenant_id::text FROM webhook_endpoints WHERE is_enabled`,
    );
    s.tenants = new Set(result.rows.map((r) => r.tenant_id));
    s.loadedAt = Date.now();
  } catch (error) {
    log.warn("webhooks: could not read which endpoints exist", { error });
  } finally {
    s.loading = null;
  }
}

function refresh(): void {
  const s = state();
  if (!s.loading) s.loading = load(s);
}

/** False only when this process knows, as of a moment ago, that the company has none. */
export function mayHaveWebhooks(tenantId: string): boolean {
  const s = state();
  const isFresh = Date.now() - s.loadedAt < FRESH_MS;
  if (!isFresh) refresh();
  return !isFresh || s.tenants.has(tenantId);
}

/** After an endpoint is created or enabled here: count it at once. */
export function noteWebhooksEnabled(tenantId: string): void {
  state().tenants.add(tenantId);
}

/** Tests: read again on the next question. */
export function forgetWebhookPresence(): void {
  state().loadedAt = 0;
}
