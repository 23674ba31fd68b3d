import { describe, expect, it } from "vitest";
import { liveCallFromSql, type LiveCallSqlRow } from "@/server/calls/live-call";

const row: LiveCallSqlRow = {
  id: "c1",
  externalId: "sim-1",
  direction: "IN",
  fromNumber: "+79990001122",
  toNumber: "+74951234567",
  state: "RINGING",
  result: null,
  startedAt: new Date("2026-11-26T10:00:00Z"),
  ringingAt: new Date("2026-11-26T10:00:01Z"),
  answeredAt: null,
  endedAt: null,
  isClickToCall: false,
  managerId: "u1",
  version: 4,
  workplace: null,
  manager: { id: "u1", name: "Anna" },
  client: null,
  routingDecision: null,
  numberLabel: "Sales",
};

describe("liveCallFromSql", () => {
  it("pushes the call with its fold version and label, without the manager id", () => {
    const call = liveCallFromSql(row);
    expect(call).toMatchObject({ id: "c1", foldVersion: 4, numberLabel: "Sales", routing: null });
    expect(call).not.toHaveProperty("version");
    expect(call).not.toHaveProperty("managerId");
  });
});
