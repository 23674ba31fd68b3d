import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { inTransaction } from "@/server/db/sql";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { syncTasksForCalls, type TaskCallRow, type TaskSyncItem } from "@/server/tasks/sync";

// The batched task sync on a real database: several calls of one number in one batch behave as
// they do one by one, in the order they happened.

let fixture: TenantFixture | undefined;
let tenantId = "";
const minute = 60_000;
const base = Date.now() - 60 * minute;

async function call(
  phone: string,
  kind: "missed" | "answered-in" | "callback",
  atMin: number,
): Promise<TaskCallRow> {
  const startedAt = new Date(base + atMin * minute);
  const endedAt = new Date(startedAt.getTime() + 30_000);
  const isIn = kind !== "callback";
  const row = await getDb().call.create({
    data: {
      tenantId,
      externalId: randomUUID(),
      direction: isIn ? "IN" : "OUT",
      fromNumber: isIn ? phone : "+74951234567",
      toNumber: isIn ? "+74951234567" : phone,
      state: "ENDED",
      result: kind === "missed" ? "MISSED" : "ANSWERED",
      startedAt,
      answeredAt: kind === "missed" ? null : new Date(startedAt.getTime() + 5_000),
      endedAt,
      isClickToCall: kind === "callback",
      lastEventAt: endedAt,
    },
  });
  return {
    id: row.id,
    direction: row.direction,
    state: row.state,
    result: row.result,
    started_at: row.startedAt,
    ended_at: row.endedAt,
    answered_at: row.answeredAt,
    is_click_to_call: row.isClickToCall,
    from_number: row.fromNumber,
    to_number: row.toNumber,
    client_id: null,
  };
}

const item = (c: TaskCallRow): TaskSyncItem => ({ tenantId, call: c, hasEmployeeAnswered: true });
const sync = (items: TaskSyncItem[]) => inTransaction((sql) => syncTasksForCalls(sql, items));
const tasksOf = (phone: string) =>
  getDb().task.findMany({
    where: { tenantId, phone },
    select: { id: true, status: true, closedByCallId: true, links: { select: { role: true } } },
  });

beforeAll(async () => {
  fixture = await setUpTenant();
  tenantId = fixture.tenantId;
});

afterAll(async () => {
  await fixture?.teardown();
});

describe("batched callback-task sync", () => {
  it("two missed calls of one number in one batch make one task, the later linked to it", async () => {
    const phone = "+79007770001";
    const later = await call(phone, "missed", 10);
    const first = await call(phone, "missed", 5);
    const changes = await sync([item(later), item(first)]);
    expect(changes.get(first.id)?.change).toBe("created");
    expect(changes.get(later.id)).toMatchObject({
      change: "missed_again",
      taskId: changes.get(first.id)?.taskId,
    });
    const [task, ...others] = await tasksOf(phone);
    expect(others).toEqual([]);
    expect(task?.links.map((l) => l.role).sort()).toEqual(["MISSED", "MISSED"]);
  });

  it("a missed call and the callback after it in one batch: the task is created and closed", async () => {
    const phone = "+79007770002";
    const missed = await call(phone, "missed", 0);
    const callback = await call(phone, "callback", 20);
    const changes = await sync([item(callback), item(missed)]);
    expect(changes.get(callback.id)?.change).toBe("resolved");
    const [task] = await tasksOf(phone);
    expect(task).toMatchObject({ status: "DONE", closedByCallId: callback.id });
  });

  it("a conversation before the missed call does not close its task; each call counts once", async () => {
    const phone = "+79007770003";
    const earlier = await call(phone, "answered-in", 0);
    const missed = await call(phone, "missed", 30);
    await sync([item(earlier), item(missed)]);
    expect((await tasksOf(phone)).map((t) => t.status)).toEqual(["OPEN"]);
    // The same calls again (folded again after a restart): nothing changes.
    expect((await sync([item(missed), item(earlier)])).size).toBe(0);
    const [task] = await tasksOf(phone);
    expect(task?.links).toHaveLength(1);
  });
});
