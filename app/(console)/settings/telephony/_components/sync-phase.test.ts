import { describe, expect, it } from "vitest";
import { syncPhase, watchSync } from "@/app/(console)/settings/telephony/_components/sync-phase";
import type { Integration } from "@/app/(console)/settings/telephony/_components/types";

function integration(patch: {
  running?: boolean;
  lastSyncAt?: number | null;
  lastErrorAt?: number | null;
}): Integration {
  const at = (ms: number | null | undefined) => (ms == null ? null : new Date(ms));
  return {
    lastSyncAt: at(patch.lastSyncAt),
    lastErrorAt: at(patch.lastErrorAt),
    sync: { running: patch.running ?? false, startedAt: null, step: null },
  } as unknown as Integration;
}

describe("syncPhase", () => {
  const before = integration({ lastSyncAt: 1_000, lastErrorAt: null });
  const watched = watchSync(before);

  it("is idle when nobody is watching and nothing runs", () => {
    expect(syncPhase(before, null)).toBe("idle");
  });

  it("follows a sync from start to success", () => {
    expect(syncPhase(before, watched)).toBe("starting");
    expect(syncPhase(integration({ running: true, lastSyncAt: 1_000 }), watched)).toBe("running");
    expect(syncPhase(integration({ lastSyncAt: 2_000 }), watched)).toBe("done");
  });

  it("reports a failure recorded after the start", () => {
    expect(syncPhase(integration({ lastSyncAt: 1_000, lastErrorAt: 3_000 }), watched)).toBe(
      "failed",
    );
  });

  it("prefers whichever happened last when both moved", () => {
    const both = (sync: number, error: number) =>
      syncPhase(integration({ lastSyncAt: sync, lastErrorAt: error }), watched);
    expect(both(5_000, 4_000)).toBe("done");
    expect(both(4_000, 5_000)).toBe("failed");
  });

  it("treats a job that ran and ended without a result as failed", () => {
    expect(syncPhase(before, { ...watched, sawRunning: true })).toBe("failed");
  });
});
