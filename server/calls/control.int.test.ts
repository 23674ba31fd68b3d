import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import {
  CLIENT_PHONE,
  PBX_NUMBER,
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

type SimCall = { state: string; workplaceId?: string | null; remoteNumber?: string | null };
const simCall = async (id: string) =>
  (await control(h.simulator, "GET", `/control/calls/${id}`)) as unknown as SimCall & {
    history: Array<{ event: string; workplaceId?: string; number?: string }>;
  };

/** An incoming call answered at wp-1 (Maria's workplace). */
async function answeredIncoming(from: string): Promise<string> {
  const { callId } = await control(h.simulator, "POST", "/control/calls", { from, to: PBX_NUMBER });
  const id = String(callId);
  await until(() => callRow(h.tenantId, id).then((c) => c?.state === "RINGING"));
  await control(h.simulator, "POST", `/control/calls/${id}/answer`, { workplaceId: "wp-1" });
  await until(() => callRow(h.tenantId, id).then((c) => c?.state === "TALKING"));
  return id;
}

describe("click-to-call through the PBX simulator", () => {
  it("rings the user's own workplace, then the typed number, and shows as ONE call", async () => {
    const result = await callerFor(h.maria).control.makeCall({ phone: "8 (900) 555-44-33" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const id = result.pbxCallId;
    const atPbx = await simCall(id);
    expect(atPbx.history[1]).toMatchObject({ event: "delivered", workplaceId: "wp-1" });

    await until(() => callRow(h.tenantId, id).then((c) => c?.state === "RINGING"));
    await control(h.simulator, "POST", `/control/calls/${id}/answer`, { workplaceId: "wp-1" });
    expect(await simCall(id)).toMatchObject({ state: "dialing", remoteNumber: CLIENT_PHONE });
    h.clock.advance(3_000);
    await control(h.simulator, "POST", `/control/calls/${id}/answer`);
    const talking = await until(() =>
      callRow(h.tenantId, id).then((c) => c?.state === "TALKING" && c),
    );
    expect(talking).toMatchObject({ direction: "OUT", isClickToCall: true, managerId: h.maria.id });
    await control(h.simulator, "POST", `/control/calls/${id}/hangup`);
    const ended = await until(() => callRow(h.tenantId, id).then((c) => c?.state === "ENDED" && c));
    expect(ended.result).toBe("ANSWERED");
    // The employee's leg is not a separate (missed) call and makes no callback task.
    const calls = await getDb().call.findMany({
      where: {
        tenantId: h.tenantId,
        OR: [{ toNumber: CLIENT_PHONE }, { fromNumber: CLIENT_PHONE }],
      },
      select: { externalId: true, result: true },
    });
    expect(calls).toEqual([{ externalId: id, result: "ANSWERED" }]);
    expect(await getDb().task.count({ where: { tenantId: h.tenantId } })).toBe(0);

    const audit = await getDb().auditLog.findFirst({
      where: { tenantId: h.tenantId, action: "call.click_to_call", actorUserId: h.maria.id },
      select: { data: true },
    });
    expect(audit?.data).toMatchObject({ phone: CLIENT_PHONE, outcome: "placed", pbxCallId: id });
  });

  it("refuses a second click within 3 s, a bad number, and a user without a workplace", async () => {
    const first = await callerFor(h.ivan).control.makeCall({ phone: CLIENT_PHONE });
    expect(first.ok).toBe(true);
    await expect(callerFor(h.ivan).control.makeCall({ phone: CLIENT_PHONE })).resolves.toEqual({
      ok: false,
      reason: "too_fast",
    });
    if (first.ok) {
      await until(() => callRow(h.tenantId, first.pbxCallId));
      await control(h.simulator, "POST", `/control/calls/${first.pbxCallId}/hangup`);
    }
    await expect(callerFor(h.maria).control.makeCall({ phone: "12ab" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(callerFor(h.sofia).control.makeCall({ phone: CLIENT_PHONE })).resolves.toEqual({
      ok: false,
      reason: "no_workplace",
    });
    expect(await callerFor(h.sofia).control.status()).toEqual({ workplace: null });
    expect(await callerFor(h.ivan).control.status()).toMatchObject({ workplace: { name: "Иван" } });
  });

  it("says the PBX refused when the workplace no longer exists there", async () => {
    const ghost = await getDb().workplace.create({
      data: { tenantId: h.tenantId, externalId: "wp-gone", name: "Gone" },
      select: { id: true },
    });
    const user = await getDb().user.create({
      data: {
        tenantId: h.tenantId,
        email: "ghost@acme.test",
        name: "Ghost",
        role: "MANAGER",
        status: "ACTIVE",
        workplaceId: ghost.id,
      },
      select: { id: true, role: true, tenantId: true },
    });
    await expect(callerFor(user).control.makeCall({ phone: CLIENT_PHONE })).resolves.toEqual({
      ok: false,
      reason: "workplace_unknown",
    });
  });

  it("another tenant without a PBX gets 'not connected' and cannot touch this tenant's calls", async () => {
    const other = await getDb().tenant.create({ data: { name: "Other" }, select: { id: true } });
    const wp = await getDb().workplace.create({
      data: { tenantId: other.id, externalId: "wp-1", name: "Their desk" },
      select: { id: true },
    });
    const stranger = await getDb().user.create({
      data: {
        tenantId: other.id,
        email: "boss@other.test",
        name: "Boss",
        role: "ADMIN",
        status: "ACTIVE",
        workplaceId: wp.id,
      },
      select: { id: true, role: true, tenantId: true },
    });
    await expect(callerFor(stranger).control.makeCall({ phone: CLIENT_PHONE })).resolves.toEqual({
      ok: false,
      reason: "not_connected",
    });
    const id = await answeredIncoming("+79001112233");
    const call = await callRow(h.tenantId, id);
    await expect(
      callerFor(stranger).control.transfer({
        callId: call?.id ?? "",
        target: { number: "+79001112244" },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await control(h.simulator, "POST", `/control/calls/${id}/hangup`);
  });
});

describe("transfer of an active call", () => {
  it("moves Maria's answered call to Ivan's workplace; Ivan could not move it himself", async () => {
    const id = await answeredIncoming("+79003334455");
    const call = await callRow(h.tenantId, id);
    const callId = call?.id ?? "";
    await expect(
      callerFor(h.ivan).control.transfer({ callId, target: { workplaceId: h.workplaces.wp2 } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      callerFor(h.maria).control.transfer({ callId, target: { workplaceId: h.workplaces.wp1 } }),
    ).resolves.toEqual({ ok: false, reason: "same_workplace" });

    // Each step a second apart, as on a real PBX: same-instant events have no reliable order.
    h.clock.advance(1_000);
    await expect(
      callerFor(h.maria).control.transfer({ callId, target: { workplaceId: h.workplaces.wp2 } }),
    ).resolves.toEqual({ ok: true });
    h.clock.advance(1_000);
    const atPbx = await simCall(id);
    expect(atPbx.history.map((e) => e.event)).toContain("transfer");
    expect(atPbx.state).toBe("ringing");
    await control(h.simulator, "POST", `/control/calls/${id}/answer`, { workplaceId: "wp-2" });
    const moved = await until(() =>
      callRow(h.tenantId, id).then((c) => c?.state === "TALKING" && c.managerId === h.ivan.id && c),
    );
    expect(moved.workplaceId).toBe(h.workplaces.wp2);
    const audit = await getDb().auditLog.findFirst({
      where: { tenantId: h.tenantId, action: "call.transfer", targetId: callId },
      select: { actorUserId: true, data: true },
    });
    expect(audit).toMatchObject({ actorUserId: h.maria.id, data: { outcome: "transferred" } });
    await control(h.simulator, "POST", `/control/calls/${id}/hangup`);
    await until(() => callRow(h.tenantId, id).then((c) => c?.state === "ENDED"));
    await expect(
      callerFor(h.sofia).control.transfer({ callId, target: { number: "+79001112244" } }),
    ).resolves.toEqual({ ok: false, reason: "not_active" });
  });

  it("a supervisor transfers any call to an outside number", async () => {
    const id = await answeredIncoming("+79005556677");
    const call = await callRow(h.tenantId, id);
    await expect(
      callerFor(h.sofia).control.transfer({
        callId: call?.id ?? "",
        target: { number: "8 900 111 22 44" },
      }),
    ).resolves.toEqual({ ok: true });
    const atPbx = await simCall(id);
    expect(atPbx.history).toContainEqual(
      expect.objectContaining({ event: "transfer", number: "+79001112244" }),
    );
    await control(h.simulator, "POST", `/control/calls/${id}/hangup`);
  });
});
