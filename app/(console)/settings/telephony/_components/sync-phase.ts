import type { Integration } from "@/app/(console)/settings/telephony/_components/types";

/** What the integration looked like when the admin started a sync, and whether it ran since. */
export type SyncWatch = {
  lastSyncAt: number | null;
  lastErrorAt: number | null;
  sawRunning: boolean;
};
export type SyncPhase = "idle" | "starting" | "running" | "done" | "failed";

export function watchSync(integration: Integration): SyncWatch {
  return {
    lastSyncAt: integration.lastSyncAt?.getTime() ?? null,
    lastErrorAt: integration.lastErrorAt?.getTime() ?? null,
    sawRunning: integration.sync.running,
  };
}

// A sync has finished when the server's lastSyncAt (success) or lastErrorAt (failure) moved
// past what they were when it started: no client clock involved. A job that ran and ended
// without moving either (it gave up) counts as failed.
export function syncPhase(integration: Integration, watched: SyncWatch | null): SyncPhase {
  if (integration.sync.running) return "running";
  if (!watched) return "idle";
  const now = watchSync(integration);
  const hasNewError = now.lastErrorAt !== null && now.lastErrorAt !== watched.lastErrorAt;
  const hasNewSync = now.lastSyncAt !== null && now.lastSyncAt !== watched.lastSyncAt;
  if (hasNewError && (!hasNewSync || (now.lastErrorAt ?? 0) > (now.lastSyncAt ?? 0))) {
    return "failed";
  }
  if (hasNewSync) return "done";
  return watched.sawRunning ? "failed" : "starting";
}
