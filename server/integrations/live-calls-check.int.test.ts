import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallNotification } from "@/server/calls/fold";
import { acceptNotification, whenCallFolded } from "@/server/calls/live-path";
import { getDb } from "@/server/db";
import { MttApiError } from "@/server/mtt/api-error";
import type { MttClient } from "@/server/mtt/rpc-client";
import { getRoutingSnapshot } from "@/server/routing/snapshot";
import {
  CLIENT_PHONE,
  PBX_NUMBER,
  callerFor,
  control,
  startPbxHarness,
  until,
  type PbxHarness,
} from "@/server/tasks/test-pbx";
import {
  beginStartCheck,
  checkAllLiveCalls,
  checkLiveCalls,
} from "@/server/integrations/live-calls-check";
import { getMttClient } from "@/server/integrations/mtt-client";
import { toStoredPayload } from "@/server/integrations/reconcile-events";
import { beatFeed } from "@/server/integrations/reconcile-feed";

// Calls whose end never arrives: checked with the PBX (the bundled simulator, whose
// getActiveCalls and getCalls answer for real), completed from its history or closed by Pult.

let h: PbxHarness;

beforeAll(async () => {
  h = await startPbxHarness();
  // As the running server does every 30 s: the feed's state row holds the counters.
  await beatFeed();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

const HOUR = 3600_000;

/** Stores events of a call the simulator never had, as a PBX that forgot it would have sent. */
async function callThePbxForgot(opts: { startedAt: Date; answered: boolean }): Promise<string> {
  const callId = `lost-${randomUUID()}`;
  const at = (offsetMs: number) => new Date(opts.startedAt.getTime() + offsetMs);
  const events: CallNotification[] = [
    {
      id: randomUUID(),
      type: "callStarted",
      occurredAt: at(0),
      data: {
        callId,
        direction: "incoming",
        from: CLIENT_PHONE,
        to: PBX_NUMBER,
        parked: false,
        parkTimeoutMs: 5000,
      },
    },
    {
      id: randomUUID(),
      type: "callDelivered",
      occurredAt: at(2_000),
      data: { callId, workplaceId: "wp-1" },
    },
  ];
  if (opts.answered) {
    events.push({
      id: randomUUID(),
      type: "callAnswered",
      occurredAt: at(5_000),
      data: { callId, workplaceId: "wp-1", party: "workplace" },
    });
  }
  for (const event of events) {
    await acceptNotification(h.tenantId, event, toStoredPayload(event), performance.now());
  }
  await whenCallFolded(h.tenantId, callId);
  return callId;
}

const row = (externalId: string) =>
  getDb().call.findUniqueOrThrow({
    where: { tenantId_externalId: { tenantId: h.tenantId, externalId } },
    select: {
      state: true,
      result: true,
      endedAt: true,
      lastEventAt: true,
      talkSec: true,
      durationSec: true,
      endReported: true,
      managerId: true,
    },
  });

const isBusy = async (userId: string) =>
  (await getRoutingSnapshot(h.tenantId)).snapshot.busyUsers.has(userId);

async function mariasFigures() {
  const { timeZone } = await getDb().tenant.findUniqueOrThrow({
    where: { id: h.tenantId },
    select: { timeZone: true },
  });
  const localDate = (date: Date) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(date);
  const report = await callerFor(h.sofia).reports.summary({
    from: localDate(new Date(Date.now() - 2 * 24 * HOUR)),
    to: localDate(new Date()),
  });
  const maria = report.managers.find((m) => m.managerId === h.maria.id);
  return { answered: maria?.answered ?? 0, talkCalls: maria?.talkCalls ?? 0 };
}

describe("calls whose end never arrives", () => {
  it("closes a conversation the PBX no longer has, past the talk limit, and frees the manager", async () => {
    const startedAt = new Date(Date.now() - 5 * HOUR);
    const lost = await callThePbxForgot({ startedAt, answered: true });
    // Silent for less than the limit: left alone by the minute's check.
    const recent = await callThePbxForgot({
      startedAt: new Date(Date.now() - 60_000),
      answered: true,
    });
    expect(await row(lost)).toMatchObject({ state: "TALKING", managerId: h.maria.id });
    expect(await isBusy(h.maria.id)).toBe(true);
    const figuresBefore = await mariasFigures();

    const result = await checkLiveCalls(h.tenantId);
    expect(result).toMatchObject({ checked: 1, completed: 0, closed: 1, pbxError: null });
    const closed = await row(lost);
    expect(closed).toMatchObject({
      state: "ENDED",
      result: "ANSWERED",
      endReported: false,
      talkSec: 0,
      // At its last event, the answer 5 s after the start.
      durationSec: 5,
    });
    expect(closed.endedAt).toEqual(closed.lastEventAt);
    expect(closed.endedAt?.getTime()).toBe(startedAt.getTime() + 5_000);
    expect((await row(recent)).state).toBe("TALKING");

    // Still an answered call; its talk counts nowhere any more.
    const figuresAfter = await mariasFigures();
    expect(figuresBefore.talkCalls).toBeGreaterThanOrEqual(1);
    expect(figuresAfter.answered).toBe(figuresBefore.answered);
    expect(figuresAfter.talkCalls).toBe(figuresBefore.talkCalls - 1);

    const health = await callerFor(h.sofia).feed.health();
    expect(health.closedCalls).toBe(1);
    expect(health.lastClosedAt).not.toBeNull();

    // The call page says so.
    const callRowId = (
      await getDb().call.findUniqueOrThrow({
        where: { tenantId_externalId: { tenantId: h.tenantId, externalId: lost } },
        select: { id: true },
      })
    ).id;
    const detail = await callerFor(h.sofia).calls.detail({ id: callRowId });
    expect(detail.endReported).toBe(false);
    expect(detail.timeline.at(-1)).toMatchObject({ kind: "ended", isMadeUp: true });

    // A second run finds nothing more to close; the recent call is still Maria's: busy.
    expect(await checkLiveCalls(h.tenantId)).toMatchObject({ closed: 0 });
    expect(await isBusy(h.maria.id)).toBe(true);

    // The start check asks about every call from before the start: the recent one goes too.
    beginStartCheck(new Date());
    // Until the PBX has answered, routing does not count calls from before the start.
    expect(await isBusy(h.maria.id)).toBe(false);
    const run = await checkAllLiveCalls();
    expect(run.failures).toEqual([]);
    expect(await row(recent)).toMatchObject({ state: "ENDED", endReported: false });
    expect(await isBusy(h.maria.id)).toBe(false);
    expect((await callerFor(h.sofia).feed.health()).closedCalls).toBe(2);

    // The PBX's real end, should it come after all, wins over the one Pult made up.
    const realEnd: CallNotification = {
      id: randomUUID(),
      type: "callEnded",
      occurredAt: new Date(startedAt.getTime() + 65_000),
      data: { callId: lost, result: "answered", durationSec: 65, talkSec: 60, hasRecording: false },
    };
    await acceptNotification(h.tenantId, realEnd, toStoredPayload(realEnd), performance.now());
    await until(async () => (await row(lost)).endReported);
    expect(await row(lost)).toMatchObject({ state: "ENDED", talkSec: 60, durationSec: 65 });
  });

  it("completes a call from the PBX's history with its real end and talk time", async () => {
    const { callId } = await control(h.simulator, "POST", "/control/calls", {
      from: "+79007770101",
      to: PBX_NUMBER,
    });
    const id = String(callId);
    h.clock.advance(3_000);
    await control(h.simulator, "POST", `/control/calls/${id}/answer`, { workplaceId: "wp-1" });
    await until(async () => {
      const call = await getDb().call.findFirst({
        where: { tenantId: h.tenantId, externalId: id },
        select: { state: true },
      });
      return call?.state === "TALKING";
    });
    // The end is lost on the way.
    h.simulator.setDeliveryMode("drop");
    h.clock.advance(42_000);
    await control(h.simulator, "POST", `/control/calls/${id}/hangup`);
    h.simulator.setDeliveryMode("deliver");
    expect((await row(id)).state).toBe("TALKING");
    expect(await isBusy(h.maria.id)).toBe(true);

    // Five hours of silence later (the simulator's clock runs ahead of the wall clock).
    const now = new Date(h.clock.now() + 5 * HOUR);
    const result = await checkLiveCalls(h.tenantId, { now });
    expect(result).toMatchObject({ completed: 1, closed: 0, pbxError: null });
    const pbx = h.simulator.state.call(id);
    const done = await row(id);
    expect(done).toMatchObject({
      state: "ENDED",
      result: "ANSWERED",
      endReported: true,
      talkSec: 42,
    });
    expect(done.endedAt?.toISOString()).toBe(pbx?.endedAt);
    expect(await isBusy(h.maria.id)).toBe(false);
  });

  it("leaves a silent call alone while the PBX still has it in progress", async () => {
    const { callId } = await control(h.simulator, "POST", "/control/calls", {
      from: "+79007770102",
      to: PBX_NUMBER,
    });
    const id = String(callId);
    await until(async () => {
      const call = await getDb().call.findFirst({
        where: { tenantId: h.tenantId, externalId: id },
        select: { state: true },
      });
      return call?.state === "RINGING";
    });
    // Ringing with no event for ten minutes is implausible, but the PBX says it is up.
    const now = new Date(h.clock.now() + 10 * 60_000);
    const result = await checkLiveCalls(h.tenantId, { now });
    expect(result).toMatchObject({ alive: 1, completed: 0, closed: 0, pbxError: null });
    expect((await row(id)).state).toBe("RINGING");
    await control(h.simulator, "POST", `/control/calls/${id}/hangup`);
    await until(async () => (await row(id)).state === "ENDED");
  });

  it("without getActiveCalls, closes only calls past their limits", async () => {
    const real = await getMttClient(h.tenantId);
    const withoutMethod: MttClient = {
      ...real,
      getActiveCalls: () =>
        Promise.reject(
          new MttApiError("rpc", "getActiveCalls", "Method not found", { mttCode: -32601 }),
        ),
    };
    const stale = await callThePbxForgot({
      startedAt: new Date(Date.now() - 10 * 60_000),
      answered: false,
    });
    const fresh = await callThePbxForgot({
      startedAt: new Date(Date.now() - 10_000),
      answered: false,
    });
    const result = await checkLiveCalls(h.tenantId, {
      client: withoutMethod,
      startedBefore: new Date(),
    });
    expect(result).toMatchObject({ closed: 1, pbxError: null });
    expect(await row(stale)).toMatchObject({
      state: "ENDED",
      result: "MISSED",
      endReported: false,
    });
    expect((await row(fresh)).state).toBe("RINGING");

    // A PBX that cannot be reached at all: still only the calls past their limits.
    const unreachable: MttClient = {
      ...real,
      getActiveCalls: () =>
        Promise.reject(new MttApiError("network", "getActiveCalls", "connect ECONNREFUSED")),
    };
    const offline = await checkLiveCalls(h.tenantId, {
      client: unreachable,
      startedBefore: new Date(),
    });
    expect(offline).toMatchObject({ closed: 0, alive: 1 });
    expect(offline.pbxError).toMatch(/ECONNREFUSED/);
    expect((await row(fresh)).state).toBe("RINGING");
    const later = await checkLiveCalls(h.tenantId, {
      client: unreachable,
      now: new Date(Date.now() + 5 * 60_000),
    });
    expect(later).toMatchObject({ closed: 1 });
    expect(await row(fresh)).toMatchObject({ state: "ENDED", endReported: false });
  });
});
