import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { jobHandlers } from "@/server/jobs/handlers";
import { startJobWorker } from "@/server/jobs/worker";
import type { MttClient } from "@/server/mtt/rpc-client";
import {
  CLIENT_PHONE,
  PBX_NUMBER,
  RING_TIMEOUT_MS,
  callerFor,
  control,
  startPbxHarness,
  until,
  type PbxHarness,
} from "@/server/tasks/test-pbx";
import { getMttClient } from "@/server/integrations/mtt-client";
import { enqueueReconcile, reconcileTenant } from "@/server/integrations/reconcile";
import { RECONCILED_ID_PREFIX } from "@/server/integrations/reconcile-events";
import { beatFeed, type FeedStatus } from "@/server/integrations/reconcile-feed";

// Calls the PBX handled while Pult heard nothing: the simulator holds or drops its notifications,
// the reconcile reads its call history (getCalls) and fills them in, exactly once, also when the
// held notifications arrive afterwards.

let h: PbxHarness;

beforeAll(async () => {
  h = await startPbxHarness();
  await beatFeed();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

const health = () => callerFor(h.sofia).feed.health();
// The simulator's clock runs ahead of the wall clock (the test advances it); read up to its now.
const simNow = () => new Date(h.clock.now() + 1000);

async function placeCall(from: string, answer: boolean): Promise<string> {
  const { callId } = await control(h.simulator, "POST", "/control/calls", { from, to: PBX_NUMBER });
  const id = String(callId);
  if (answer) {
    h.clock.advance(4_000);
    await control(h.simulator, "POST", `/control/calls/${id}/answer`, { workplaceId: "wp-1" });
    h.clock.advance(42_000);
    await control(h.simulator, "POST", `/control/calls/${id}/hangup`);
  } else {
    h.clock.advance(RING_TIMEOUT_MS + 10);
  }
  const ended = h.simulator.state.call(id);
  if (ended?.state !== "ended") throw new Error(`call ${id} did not end: ${ended?.state}`);
  return id;
}

const callsOf = (externalIds: string[]) =>
  getDb().call.findMany({
    where: { tenantId: h.tenantId, externalId: { in: externalIds } },
    select: {
      externalId: true,
      state: true,
      result: true,
      managerId: true,
      startedAt: true,
      endedAt: true,
      talkSec: true,
      reconciledAt: true,
    },
    orderBy: { startedAt: "asc" },
  });

const eventCount = () => getDb().callEvent.count({ where: { tenantId: h.tenantId } });
const tasksFor = (phone: string) =>
  getDb().task.count({ where: { tenantId: h.tenantId, phone, kind: "CALLBACK" } });

/** The tenant's MTT client, watched: records the feed status each time getCalls is asked. */
async function watchedClient(seen: FeedStatus[], tamper?: (page: number) => string | undefined) {
  const real = await getMttClient(h.tenantId);
  let page = 0;
  const client: MttClient = {
    ...real,
    getCalls: async (params, options) => {
      seen.push((await health()).status);
      const answer = await real.getCalls(params, options);
      const bogus = tamper?.(page++);
      return bogus ? { ...answer, nextCursor: bogus } : answer;
    },
  };
  return client;
}

describe("gap reconciliation", () => {
  it("fills in calls placed while notifications were held, once, also after they arrive", async () => {
    expect(await health()).toMatchObject({ status: "ok", gapSince: null });
    h.simulator.setDeliveryMode("hold");
    const answered = await placeCall("+79007770001", true);
    const missedClient = await placeCall(CLIENT_PHONE, false);
    const missedUnknown = await placeCall("+79007770002", false);
    const ids = [answered, missedClient, missedUnknown];
    expect(await callsOf(ids)).toEqual([]);

    // Pult was away longer than the PBX resends (here the window is 1 ms): a downtime gap.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const aliveBefore = await getDb().feedState.findUniqueOrThrow({
      where: { tenantId: h.tenantId },
      select: { aliveAt: true },
    });
    expect(await beatFeed({ retryWindowMs: 1 })).toEqual([h.tenantId]);
    const gap = await health();
    expect(gap).toMatchObject({ status: "gap", gapReason: "DOWNTIME" });
    expect(gap.gapSince).toEqual(aliveBefore.aliveAt);

    const seen: FeedStatus[] = [];
    const result = await reconcileTenant(h.tenantId, {
      now: simNow(),
      client: await watchedClient(seen),
    });
    expect(seen[0]).toBe("reconciling");
    expect(result).toMatchObject({ filled: 3, completed: 0 });
    const after = await health();
    expect(after).toMatchObject({ status: "ok", gapSince: null, lastFilledCalls: 3 });
    expect(after.lastReconciledAt).not.toBeNull();

    const rows = await callsOf(ids);
    expect(rows.map((r) => [r.externalId, r.state, r.result])).toEqual([
      [answered, "ENDED", "ANSWERED"],
      [missedClient, "ENDED", "MISSED"],
      [missedUnknown, "ENDED", "MISSED"],
    ]);
    expect(rows.every((r) => r.reconciledAt !== null)).toBe(true);
    // The PBX's own times and workplace: wp-1 is Maria's.
    const pbxAnswered = h.simulator.state.call(answered);
    expect(rows[0]?.startedAt.toISOString()).toBe(pbxAnswered?.startedAt);
    expect(rows[0]?.endedAt?.toISOString()).toBe(pbxAnswered?.endedAt);
    expect(rows[0]?.talkSec).toBe(42);
    expect(rows.map((r) => r.managerId)).toEqual([h.maria.id, h.maria.id, h.maria.id]);
    expect(await tasksFor(CLIENT_PHONE)).toBe(1);

    // A second run finds nothing to do and stores nothing.
    const events = await eventCount();
    expect(await reconcileTenant(h.tenantId, { now: simNow() })).toMatchObject({
      filled: 0,
      completed: 0,
    });
    expect(await eventCount()).toBe(events);

    // The held notifications finally arrive: they join the same calls.
    const held = ids.flatMap((id) => h.simulator.state.notifications({ callId: id }));
    expect(held.length).toBeGreaterThan(6);
    h.simulator.setDeliveryMode("deliver");
    await until(async () => (await eventCount()) === events + held.length, 20_000);
    const final = await callsOf(ids);
    expect(final.map((r) => [r.externalId, r.state, r.result, r.managerId])).toEqual(
      rows.map((r) => [r.externalId, r.state, r.result, r.managerId]),
    );
    expect(final[0]?.talkSec).toBe(42);
    expect(await tasksFor(CLIENT_PHONE)).toBe(1);
    const perCall = await getDb().call.groupBy({
      by: ["externalId"],
      where: { tenantId: h.tenantId, externalId: { in: ids } },
      _count: true,
    });
    expect(perCall.map((g) => g._count)).toEqual([1, 1, 1]);
  });

  it("opens a gap for calls the history has and Pult lacks, keeps it while reconciling fails", async () => {
    h.simulator.setDeliveryMode("drop");
    const lost = await placeCall("+79007770003", false);
    h.simulator.setDeliveryMode("deliver");
    // Past the settle time: its notifications are not merely late.
    h.clock.advance(5 * 60_000);

    // MTT fails half-way: the first page is read (and filled), the next one is refused.
    const seen: FeedStatus[] = [];
    const failing = await watchedClient(seen, (page) => (page === 0 ? "not-a-cursor" : undefined));
    await expect(reconcileTenant(h.tenantId, { now: simNow(), client: failing })).rejects.toThrow(
      /Invalid params/,
    );
    expect(seen).toEqual(["ok", "reconciling"]);
    const stuck = await health();
    expect(stuck).toMatchObject({ status: "gap", gapReason: "MISSING_CALLS" });
    expect(stuck.lastError).toMatch(/Invalid params/);
    expect(stuck.gapSince?.toISOString()).toBe(h.simulator.state.call(lost)?.startedAt);
    expect((await callsOf([lost]))[0]).toMatchObject({ state: "ENDED", result: "MISSED" });

    // The next run succeeds: the gap closes, the call is still there once.
    const result = await reconcileTenant(h.tenantId, { now: simNow() });
    expect(result).toMatchObject({ filled: 0 });
    expect(await health()).toMatchObject({ status: "ok", gapSince: null, lastError: null });
    expect(await callsOf([lost])).toHaveLength(1);
    const synthetic = await getDb().callEvent.count({
      where: {
        tenantId: h.tenantId,
        notificationId: { startsWith: `${RECONCILED_ID_PREFIX}${lost}` },
      },
    });
    expect(synthetic).toBe(2);
  });

  it("completes a call whose start never arrived: its numbers come from the history", async () => {
    h.simulator.setDeliveryMode("drop");
    const { callId } = await control(h.simulator, "POST", "/control/calls", {
      from: "+79007770004",
      to: PBX_NUMBER,
    });
    const id = String(callId);
    h.simulator.setDeliveryMode("deliver");
    h.clock.advance(RING_TIMEOUT_MS + 10);
    const partial = await until(async () => {
      const [row] = await callsOf([id]);
      return row?.state === "ENDED" ? row : null;
    });
    expect(partial).toMatchObject({ result: "MISSED", reconciledAt: null });
    const numbers = () =>
      getDb().call.findFirstOrThrow({
        where: { tenantId: h.tenantId, externalId: id },
        select: { fromNumber: true, toNumber: true, direction: true, reconciledAt: true },
      });
    expect(await numbers()).toMatchObject({ fromNumber: "", toNumber: "" });

    h.clock.advance(5 * 60_000);
    const result = await reconcileTenant(h.tenantId, { now: simNow() });
    expect(result).toMatchObject({ filled: 0, completed: 1 });
    expect(await numbers()).toMatchObject({
      fromNumber: "+79007770004",
      toNumber: PBX_NUMBER,
      direction: "IN",
    });
    expect((await numbers()).reconciledAt).not.toBeNull();
    // Only the start was made up; the real end stays the one that counts.
    const made = await getDb().callEvent.findMany({
      where: {
        tenantId: h.tenantId,
        notificationId: { startsWith: `${RECONCILED_ID_PREFIX}${id}` },
      },
      select: { type: true },
    });
    expect(made.map((e) => e.type)).toEqual(["callStarted"]);
    expect(await health()).toMatchObject({ status: "ok" });
  });

  it("runs as a job from the queue", async () => {
    const worker = startJobWorker({ handlers: jobHandlers, pollMs: 50 });
    try {
      const before = await getDb().feedState.findUniqueOrThrow({
        where: { tenantId: h.tenantId },
        select: { lastReconciledAt: true },
      });
      await enqueueReconcile();
      await until(async () => {
        const job = await getDb().job.findFirst({
          where: { queue: "feed.reconcile" },
          orderBy: { createdAt: "desc" },
          select: { status: true, lastError: true },
        });
        return job?.status === "DONE" || job?.status === "FAILED" ? job : null;
      }).then((job) => expect(job).toMatchObject({ status: "DONE", lastError: null }));
      const after = await health();
      expect(after.status).toBe("ok");
      expect(after.lastReconciledAt?.getTime()).toBeGreaterThan(
        before.lastReconciledAt?.getTime() ?? 0,
      );
    } finally {
      await worker.stop();
    }
  });
});
