import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { readPultStored } from "@/scripts/bench/calls-pult";

// The bench reads the inbox of the server under test: rows the fold has linked to their call,
// rows it has not folded yet (the PBX's call id on the inbox row only), and events of no call.
let database: TestDatabase;
let db: pg.Client;
const tenantId = "00000000-0000-4000-8000-000000000001";
const callId = "00000000-0000-4000-8000-0000000000c1";

beforeAll(async () => {
  database = await createTestDatabase();
  db = new pg.Client({ connectionString: database.url });
  await db.connect();
  await db.query(`INSERT INTO tenants (id, name, updated_at) VALUES ($1, 'Bench', now())`, [
    tenantId,
  ]);
  await db.query(
    `INSERT INTO calls (id, tenant_id, external_id, direction, from_number, to_number, state,
                        started_at, last_event_at, updated_at)
     VALUES ($1, $2, 'pbx-call-1', 'IN', '+74950000001', '+74950000002', 'ENDED', now(), now(),
             now())`,
    [callId, tenantId],
  );
  await db.query(
    `INSERT INTO call_events (id, tenant_id, notification_id, type, occurred_at, received_at, payload,
                              call_id, processed_at)
     VALUES (gen_random_uuid(), $1, 'n-folded', 'callStarted', now(), '2030-01-01T00:00:00.000Z', '{}', $2,
             '2030-01-01T00:00:00.250Z'),
            (gen_random_uuid(), $1, 'n-other', 'settingsChanged', now(), '2030-01-01T00:00:01.000Z', '{}', NULL, NULL)`,
    [tenantId, callId],
  );
});

afterAll(async () => {
  await db?.end();
  await database?.drop();
});

describe("readPultStored", () => {
  it("reads the call through the call row when the inbox row has no call id of its own", async () => {
    const stored = await readPultStored(database.url, false);
    const byId = new Map(stored.events.map((e) => [e.id, e]));
    expect(byId.get("n-folded")).toEqual({
      id: "n-folded",
      callId: "pbx-call-1",
      receivedAtMs: Date.parse("2030-01-01T00:00:00.000Z"),
      processedAtMs: Date.parse("2030-01-01T00:00:00.250Z"),
      instance: null,
    });
    expect(byId.get("n-other")).toMatchObject({ callId: null, processedAtMs: null });
    expect(stored.callStates?.get("pbx-call-1")).toBe("ENDED");
    expect(stored.duplicateGroups).toBe(0);
  });

  it("reads the PBX's call id from the inbox row before the fold wrote the call", async () => {
    await db.query(
      `INSERT INTO call_events (id, tenant_id, notification_id, type, occurred_at, received_at,
                                payload, call_external_id)
       VALUES (gen_random_uuid(), $1, 'n-unfolded', 'callEnded', now(), now(), '{}', 'pbx-call-2')`,
      [tenantId],
    );
    const stored = await readPultStored(database.url, false);
    const byId = new Map(stored.events.map((e) => [e.id, e]));
    expect(byId.get("n-unfolded")).toMatchObject({ callId: "pbx-call-2", processedAtMs: null });
    // Rows stored before the column existed still find their call through the call row.
    expect(byId.get("n-folded")?.callId).toBe("pbx-call-1");
  });
});
