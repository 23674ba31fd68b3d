import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recoverUnfolded, resetLivePath, settleLivePath } from "@/server/calls/live-path";
import { getDb } from "@/server/db";
import { inTransaction } from "@/server/db/sql";
import { syncTasksForCalls } from "@/server/tasks/sync";
import {
  CLIENT_PHONE,
  PBX_NUMBER,
  RING_TIMEOUT_MS,
  callRow,
  callerFor,
  control,
  startPbxHarness,
  until,
  type PbxHarness,
} from "@/server/tasks/test-pbx";

let h: PbxHarness;

beforeAll(async () => {
  h = await startPbxHarness();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

/** A call from `from` that rings at wp-1 until the ring timeout: the PBX ends it missed. */
async function missedCall(from: string): Promise<string> {
  const { callId } = await control(h.simulator, "POST", "/control/calls", { from, to: PBX_NUMBER });
  const id = String(callId);
  await until(() => callRow(h.tenantId, id).then((c) => c?.state === "RINGING"));
  h.clock.advance(RING_TIMEOUT_MS + 10);
  await until(() => callRow(h.tenantId, id).then((c) => c?.state === "ENDED" && c));
  return id;
}

/** Maria's click-to-call: she answers her own phone, then the client answers (or not). */
async function callBack(phone: string, clientAnswers: boolean): Promise<string> {
  const result = await callerFor(h.maria).control.makeCall({ phone, clientId: h.clientId });
  if (!result.ok) throw new Error(`makeCall refused: ${result.reason}`);
  const id = result.pbxCallId;
  await until(() => callRow(h.tenantId, id));
  await control(h.simulator, "POST", `/control/calls/${id}/answer`, { workplaceId: "wp-1" });
  h.clock.advance(2_000);
  if (clientAnswers) {
    await control(h.simulator, "POST", `/control/calls/${id}/answer`);
    await until(() => callRow(h.tenantId, id).then((c) => c?.state === "TALKING"));
  } else {
    h.clock.advance(RING_TIMEOUT_MS + 10);
    await until(() => callRow(h.tenantId, id).then((c) => c?.state === "ENDED"));
  }
  return id;
}

const tasksOf = (phone: string) =>
  getDb().task.findMany({
    where: { tenantId: h.tenantId, phone },
    select: {
      id: true,
      status: true,
      assigneeId: true,
      clientId: true,
      closedByCallId: true,
      resolutionSec: true,
    },
  });

// The rate limit allows one click-to-call per user every 3 s.
const waitOutRateLimit = () => new Promise((resolve) => setTimeout(resolve, 3_100));

describe("callback tasks from missed calls (through the PBX simulator)", () => {
  it("a missed call makes exactly one task for the personal manager; re-applied events add nothing", async () => {
    const pbxCallId = await missedCall(CLIENT_PHONE);
    const call = await callRow(h.tenantId, pbxCallId);
    expect(call).toMatchObject({ direction: "IN", result: "MISSED" });
    const [task, ...others] = await until(() =>
      tasksOf(CLIENT_PHONE).then((t) => t.length > 0 && t),
    );
    expect(others).toHaveLength(0);
    expect(task).toMatchObject({ status: "OPEN", assigneeId: h.maria.id, clientId: h.clientId });

    // Every stored event folded again from scratch (a restart that finds them unprocessed, as
    // after a crash before their marks committed): still one task.
    const { count } = await getDb().callEvent.updateMany({
      where: { tenantId: h.tenantId, call: { externalId: pbxCallId } },
      data: { processedAt: null },
    });
    expect(count).toBeGreaterThan(2);
    resetLivePath();
    expect(await recoverUnfolded(0)).toBe(count);
    expect(await settleLivePath()).toBe(true);
    expect(
      await getDb().callEvent.count({ where: { tenantId: h.tenantId, processedAt: null } }),
    ).toBe(0);
    const stored = await getDb().call.findUniqueOrThrow({ where: { id: call?.id ?? "" } });
    // The sync itself, run again for the call twice in one batch: still one task.
    const item = {
      tenantId: h.tenantId,
      hasEmployeeAnswered: false,
      call: {
        id: stored.id,
        direction: stored.direction,
        state: stored.state,
        result: stored.result,
        started_at: stored.startedAt,
        ended_at: stored.endedAt,
        answered_at: stored.answeredAt,
        is_click_to_call: stored.isClickToCall,
        from_number: stored.fromNumber,
        to_number: stored.toNumber,
        client_id: stored.clientId,
      },
    };
    const changes = await inTransaction((sql) => syncTasksForCalls(sql, [item, item]));
    expect(changes.size).toBe(0);
    expect(await tasksOf(CLIENT_PHONE)).toHaveLength(1);

    const mine = await callerFor(h.maria).tasks.list({});
    expect(mine.tasks).toHaveLength(1);
    expect(mine.tasks[0]).toMatchObject({
      phone: CLIENT_PHONE,
      missedCount: 1,
      attemptCount: 0,
      client: { name: "Анна Клиентова" },
      assignee: { id: h.maria.id },
    });
    expect(await callerFor(h.maria).tasks.count()).toBe(1);
    expect((await callerFor(h.ivan).tasks.list({ assignee: "all" })).tasks).toHaveLength(0);
    // The navigation badge: a manager counts their own, a supervisor the company's.
    expect(await callerFor(h.ivan).tasks.count()).toBe(0);
    expect(await callerFor(h.sofia).tasks.count()).toBe(1);
  });

  it("a second missed call from the same caller joins the open task and counts the attempt", async () => {
    await missedCall(CLIENT_PHONE);
    const tasks = await until(async () => {
      const list = await callerFor(h.maria).tasks.list({});
      return list.tasks[0]?.missedCount === 2 && list.tasks;
    });
    expect(tasks).toHaveLength(1);
  });

  it("an unanswered callback is recorded as an attempt and does not close the task", async () => {
    await callBack(CLIENT_PHONE, false);
    const list = await until(async () => {
      const mine = await callerFor(h.maria).tasks.list({});
      return mine.tasks[0]?.attemptCount === 1 && mine;
    });
    expect(list.tasks[0]).toMatchObject({ status: "OPEN", missedCount: 2 });
  });

  it("an answered click-to-call closes the task with the call and the time to callback", async () => {
    const [open] = await tasksOf(CLIENT_PHONE);
    const firstMissed = await getDb().task.findUniqueOrThrow({
      where: { id: open?.id ?? "" },
      select: { call: { select: { endedAt: true } } },
    });
    h.clock.advance(90_000);
    await waitOutRateLimit();
    const pbxCallId = await callBack(CLIENT_PHONE, true);
    const call = await callRow(h.tenantId, pbxCallId);
    const closed = await until(() =>
      tasksOf(CLIENT_PHONE).then((t) => t[0]?.status === "DONE" && t[0]),
    );
    expect(closed.closedByCallId).toBe(call?.id);
    const expected = Math.round(
      ((call?.answeredAt?.getTime() ?? 0) - (firstMissed.call?.endedAt?.getTime() ?? 0)) / 1000,
    );
    expect(closed.resolutionSec).toBe(expected);
    expect(closed.resolutionSec).toBeGreaterThanOrEqual(90);
    expect(await callerFor(h.maria).tasks.count()).toBe(0);
    const done = await callerFor(h.maria).tasks.list({ status: "DONE" });
    expect(done.tasks[0]).toMatchObject({ id: closed.id, resolutionSec: expected });
    await control(h.simulator, "POST", `/control/calls/${pbxCallId}/hangup`);
  });

  it("an unknown caller's task goes to the default owner, else stays unassigned", async () => {
    const unknown = "+79007770001";
    await missedCall(unknown);
    const [unassigned] = await until(() => tasksOf(unknown).then((t) => t.length > 0 && t));
    expect(unassigned).toMatchObject({ assigneeId: null, clientId: null });

    await getDb().tenant.update({
      where: { id: h.tenantId },
      data: { settings: { defaultOwnerId: h.sofia.id } },
    });
    const another = "+79007770002";
    await missedCall(another);
    const [owned] = await until(() => tasksOf(another).then((t) => t.length > 0 && t));
    expect(owned?.assigneeId).toBe(h.sofia.id);

    const staff = callerFor(h.sofia);
    const all = await staff.tasks.list({ assignee: "all" });
    expect(all.tasks.map((t) => t.phone)).toEqual(expect.arrayContaining([unknown, another]));
    const nobody = await staff.tasks.list({ assignee: "unassigned" });
    expect(nobody.tasks.map((t) => t.phone)).toEqual([unknown]);
  });

  it("the client calling again and being answered closes the task", async () => {
    const caller = "+79007770003";
    await missedCall(caller);
    await until(() => tasksOf(caller).then((t) => t.length > 0 && t));
    h.clock.advance(30_000);
    const { callId } = await control(h.simulator, "POST", "/control/calls", {
      from: caller,
      to: PBX_NUMBER,
    });
    await until(() => callRow(h.tenantId, String(callId)).then((c) => c?.state === "RINGING"));
    await control(h.simulator, "POST", `/control/calls/${String(callId)}/answer`, {
      workplaceId: "wp-1",
    });
    const [closed] = await until(() => tasksOf(caller).then((t) => t[0]?.status === "DONE" && t));
    expect(closed?.resolutionSec).toBeGreaterThanOrEqual(30);
    await control(h.simulator, "POST", `/control/calls/${String(callId)}/hangup`);
  });

  it("only the assignee or staff close a task by hand; other tenants see nothing", async () => {
    const caller = "+79007770004";
    await getDb().tenant.update({
      where: { id: h.tenantId },
      data: { settings: { defaultOwnerId: h.maria.id } },
    });
    await missedCall(caller);
    const [task] = await until(() => tasksOf(caller).then((t) => t.length > 0 && t));
    const taskId = task?.id ?? "";
    await expect(callerFor(h.ivan).tasks.close({ taskId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    const other = await getDb().tenant.create({ data: { name: "Other" }, select: { id: true } });
    const stranger = await getDb().user.create({
      data: {
        tenantId: other.id,
        email: "boss@other.test",
        name: "Boss",
        role: "ADMIN",
        status: "ACTIVE",
      },
      select: { id: true, role: true, tenantId: true },
    });
    await expect(callerFor(stranger).tasks.cancel({ taskId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await callerFor(stranger).tasks.list({ assignee: "all" })).tasks).toHaveLength(0);

    const cancelled = await callerFor(h.maria).tasks.cancel({ taskId, note: "  wrong number " });
    expect(cancelled).toMatchObject({ status: "CANCELLED", note: "wrong number" });
    await expect(callerFor(h.sofia).tasks.close({ taskId })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const audit = await getDb().auditLog.findFirst({
      where: { tenantId: h.tenantId, action: "task.cancel", targetId: taskId },
    });
    expect(audit?.actorUserId).toBe(h.maria.id);
  });
});
