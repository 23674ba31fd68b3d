import { describe, expect, it } from "vitest";
import { callHistoryInput } from "@/lib/schemas/calls";
import { userActor } from "@/server/policy/actor";
import { buildHistoryWhere, decodeCursor, encodeCursor, waitSeconds } from "@/server/calls/history";

const now = new Date("2026-05-10T12:00:00Z");
const supervisor = userActor({ tenantId: "t-1", id: "u-1", role: "SUPERVISOR" }, null);
const manager = userActor({ tenantId: "t-1", id: "u-2", role: "MANAGER" }, null);
const open = { from: null, to: null };

function conditions(where: ReturnType<typeof buildHistoryWhere>) {
  expect(where.tenantId).toBe("t-1");
  return Array.isArray(where.AND) ? where.AND : [];
}

describe("buildHistoryWhere", () => {
  it("always scopes by tenant, hides call legs and unfinished live calls", () => {
    const and = conditions(buildHistoryWhere(supervisor, {}, open, { now }));
    expect(and).toContainEqual({ parentCallId: null });
    expect(and).toContainEqual({
      OR: [{ state: "ENDED" }, { startedAt: { lt: new Date("2026-05-10T00:00:00Z") } }],
    });
    expect(and).toHaveLength(2);
  });

  it("limits a manager to their calls and their clients' calls of their time", () => {
    const and = conditions(buildHistoryWhere(manager, {}, open, { now }));
    expect(and).toContainEqual({ OR: [{ managerId: "u-2" }, { clientManagerId: "u-2" }] });
  });

  it("turns every filter into a condition", () => {
    const range = { from: new Date("2026-05-01T21:00:00Z"), to: new Date("2026-05-02T21:00:00Z") };
    const and = conditions(
      buildHistoryWhere(
        supervisor,
        {
          callDirection: "IN",
          result: "MISSED",
          managerId: "m-1",
          clientId: "c-1",
          number: "+74950001100",
          client: "Rom",
          q: "+7 (999) 12",
        },
        range,
        { now },
      ),
    );
    expect(and).toEqual(
      expect.arrayContaining([
        { startedAt: { gte: range.from, lt: range.to } },
        { direction: "IN" },
        { result: "MISSED" },
        { managerId: "m-1" },
        { clientId: "c-1" },
        {
          OR: [
            { direction: { not: "OUT" }, toNumber: "+74950001100" },
            { direction: "OUT", fromNumber: "+74950001100" },
          ],
        },
        {
          client: {
            OR: [
              { name: { contains: "Rom", mode: "insensitive" } },
              { company: { contains: "Rom", mode: "insensitive" } },
            ],
          },
        },
        // Only the digits of the search are compared.
        { OR: [{ fromNumber: { contains: "799912" } }, { toNumber: { contains: "799912" } }] },
      ]),
    );
  });

  it("continues after the cursor in (startedAt desc, id desc) order", () => {
    const cursor = { startedAt: new Date("2026-05-09T10:00:00Z"), id: "b" };
    const and = conditions(buildHistoryWhere(supervisor, {}, open, { now, cursor }));
    expect(and).toContainEqual({
      OR: [
        { startedAt: { lt: cursor.startedAt } },
        { startedAt: cursor.startedAt, id: { lt: "b" } },
      ],
    });
  });

  it("uses only the open side of a half-open range", () => {
    const from = new Date("2026-05-01T21:00:00Z");
    const and = conditions(buildHistoryWhere(supervisor, {}, { from, to: null }, { now }));
    expect(and).toContainEqual({ startedAt: { gte: from } });
  });
});

describe("cursor", () => {
  it("round-trips and rejects tampering", () => {
    const cursor = {
      startedAt: new Date("2026-05-09T10:00:00.123Z"),
      id: "0b9e6f5e-3d1a-4c8e-9a55-2a4f5b6c7d8e",
    };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor("not-a-cursor")).toBeNull();
    expect(decodeCursor(Buffer.from("2026-05-09|x").toString("base64url"))).toBeNull();
  });
});

describe("waitSeconds", () => {
  const startedAt = new Date("2026-05-10T10:00:00Z");
  it("counts to the answer, or to the end of an unanswered call", () => {
    expect(
      waitSeconds({
        startedAt,
        answeredAt: new Date("2026-05-10T10:00:12Z"),
        endedAt: new Date("2026-05-10T10:05:00Z"),
      }),
    ).toBe(12);
    expect(
      waitSeconds({ startedAt, answeredAt: null, endedAt: new Date("2026-05-10T10:00:40Z") }),
    ).toBe(40);
    expect(waitSeconds({ startedAt, answeredAt: null, endedAt: null })).toBeNull();
  });
});

describe("callHistoryInput", () => {
  it("defaults to the last 7 days, 50 a page", () => {
    expect(callHistoryInput.parse({})).toMatchObject({ period: "7d", limit: 50 });
  });

  it("explains bad input by field", () => {
    const issues = (value: unknown) =>
      callHistoryInput
        .safeParse(value)
        .error?.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    expect(issues({ period: "custom" })).toEqual(["from:required"]);
    expect(issues({ period: "custom", from: "2026-05-03", to: "2026-05-01" })).toEqual([
      "to:range_reversed",
    ]);
    expect(issues({ period: "custom", from: "2026-02-30" })).toEqual(["from:date_invalid"]);
    expect(issues({ q: "ab" })).toEqual(["q:search_digits"]);
    expect(issues({ q: "12" })).toEqual(["q:search_too_short"]);
    expect(issues({ result: "LOST" })?.[0]).toMatch(/^result:/);
    expect(issues({ limit: 1000 })?.[0]).toMatch(/^limit:/);
  });

  it("accepts the paging direction tRPC's infinite queries add to the input", () => {
    const parsed = callHistoryInput.parse({ direction: "forward", callDirection: "OUT" });
    expect(parsed.callDirection).toBe("OUT");
    expect(parsed).not.toHaveProperty("direction");
  });

  it("treats empty text fields as no filter", () => {
    expect(callHistoryInput.parse({ q: "  ", client: "", number: "" })).not.toHaveProperty("q", "");
    const parsed = callHistoryInput.parse({ q: "  ", client: "" });
    expect(parsed.q).toBeUndefined();
    expect(parsed.client).toBeUndefined();
  });
});
