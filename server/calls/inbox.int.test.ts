import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { createInbox, type InboxRow, type StoredRow } from "@/server/calls/inbox";

// The group commit against a real database: what is acknowledged is stored, once; what the
// database refuses is answered as such, alone.

let database: TestDatabase;
let pool: pg.Pool;
let tenantId = "";

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  const tenant = await pool.query<{ id: string }>(
    `INSERT INTO tenants (id, name, updated_at) VALUES (gen_random_uuid(), 'Inbox', now()) RETURNING id`,
  );
  tenantId = tenant.rows[0]?.id ?? "";
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

function row(overrides: Partial<InboxRow> = {}): InboxRow {
  const notificationId = randomUUID();
  return {
    tenantId,
    notificationId,
    type: "callDelivered",
    occurredAt: new Date(),
    payload: JSON.stringify({ id: notificationId, type: "callDelivered" }),
    callExternalId: "call-1",
    isProcessed: false,
    isUrgent: false,
    ...overrides,
  };
}

function counted() {
  const flushes: number[] = [];
  const stored: StoredRow[] = [];
  const inbox = createInbox({
    query: (text, values) => {
      flushes.push((values[0] as unknown[]).length);
      return pool.query(text, values);
    },
    onStored: (rows) => stored.push(...rows),
  });
  return { inbox, flushes, stored };
}

const storedCount = async (ids: string[]) =>
  Number(
    (
      await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM call_events WHERE notification_id = ANY($1::text[])`,
        [ids],
      )
    ).rows[0]?.n,
  );

describe("inbox group commit", () => {
  it("stores what arrives during a flush in the next one, and answers each when it is durable", async () => {
    const { inbox, flushes, stored } = counted();
    const rows = Array.from({ length: 300 }, () => row());
    const outcomes = await Promise.all(rows.map((r) => inbox.store(r)));
    expect(outcomes.every((o) => !o.isDuplicate)).toBe(true);
    expect(await storedCount(rows.map((r) => r.notificationId))).toBe(300);
    // The first arrives alone; the rest ride in very few multi-row inserts.
    expect(flushes[0]).toBe(1);
    expect(flushes.length).toBeLessThanOrEqual(3);
    expect(flushes.reduce((a, b) => a + b, 0)).toBe(300);
    expect(new Set(stored.map((s) => s.rowId)).size).toBe(300);
    expect(inbox.size()).toBe(0);
  });

  it("answers a redelivery as a duplicate, in a later flush and inside the same one", async () => {
    const { inbox, stored } = counted();
    const original = row();
    expect(await inbox.store(original)).toMatchObject({ isDuplicate: false });
    expect(await inbox.store({ ...original })).toEqual({ isDuplicate: true });
    const twin = row();
    const [a, b] = await Promise.all([inbox.store(twin), inbox.store({ ...twin })]);
    expect([a?.isDuplicate, b?.isDuplicate].sort()).toEqual([false, true]);
    expect(await storedCount([original.notificationId, twin.notificationId])).toBe(2);
    // Only first copies go on to the fold.
    expect(stored.map((s) => s.row.notificationId)).toEqual([
      original.notificationId,
      twin.notificationId,
    ]);
  });

  it("fails a row the database refuses alone, and stores its batch-mates", async () => {
    const { inbox } = counted();
    const good = Array.from({ length: 5 }, () => row());
    const bad = row({ payload: "{not json" });
    const results = await Promise.allSettled([...good, bad].map((r) => inbox.store(r)));
    expect(results.slice(0, 5).every((r) => r.status === "fulfilled")).toBe(true);
    expect(results[5]).toMatchObject({ status: "rejected" });
    expect(await storedCount(good.map((r) => r.notificationId))).toBe(5);
    expect(await storedCount([bad.notificationId])).toBe(0);
  });

  it("rejects every request of a flush the database never took, and keeps working after", async () => {
    let isDown = true;
    const inbox = createInbox({
      query: (text, values) =>
        isDown
          ? Promise.reject(Object.assign(new Error("connection refused"), { code: "ECONNREFUSED" }))
          : pool.query(text, values),
      onStored: () => undefined,
    });
    const lost = [row(), row()];
    const results = await Promise.allSettled(lost.map((r) => inbox.store(r)));
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(await storedCount(lost.map((r) => r.notificationId))).toBe(0);
    isDown = false;
    // The PBX resends them: now they are stored.
    const again = await Promise.all(lost.map((r) => inbox.store(r)));
    expect(again.every((o) => !o.isDuplicate)).toBe(true);
    expect(await storedCount(lost.map((r) => r.notificationId))).toBe(2);
  });

  it("marks events of no call processed as it stores them", async () => {
    const { inbox } = counted();
    const settings = row({ type: "settingsChanged", callExternalId: null, isProcessed: true });
    await inbox.store(settings);
    const found = await pool.query<{ processed: boolean; received: boolean }>(
      `SELECT processed_at IS NOT NULL AS processed, received_at IS NOT NULL AS received
       FROM call_events WHERE notification_id = $1`,
      [settings.notificationId],
    );
    expect(found.rows).toEqual([{ processed: true, received: true }]);
  });
});
