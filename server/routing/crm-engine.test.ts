import { describe, expect, it } from "vitest";
import {
  createMemoryCursor,
  crmBudgetOf,
  decide,
  type CrmAnswer,
  type RoutingSnapshot,
  type SnapshotRule,
} from "@/server/routing/engine";

// The engine's half of "ask the CRM": the answer, fetched before, turned into a target.
const WP1 = "00000000-0000-4000-8000-0000000000a1";
const WP2 = "00000000-0000-4000-8000-0000000000a2";
const NOW = new Date("2026-11-27T09:00:00Z");

const rule = (over: Partial<SnapshotRule> = {}): SnapshotRule => ({
  id: "r1",
  name: "CRM first",
  isEnabled: true,
  conditions: { dialed: [], caller: { kind: "any" }, schedule: null },
  action: { kind: "crm", timeoutMs: 800 },
  fallbacks: [{ kind: "workplace", workplaceId: WP2 }],
  ...over,
});

function snapshot(rules: SnapshotRule[], busy: string[] = []): RoutingSnapshot {
  const workplaces = new Map([
    [WP1, { id: WP1, externalId: "wp-1", name: "Desk 1", userId: "u-olga" }],
    [WP2, { id: WP2, externalId: "wp-2", name: "Desk 2", userId: "u-petr" }],
  ]);
  return {
    timeZone: "Europe/Moscow",
    rules,
    findClient: () => undefined,
    workplaces,
    workplacesByExternalId: new Map([...workplaces.values()].map((w) => [w.externalId, w])),
    users: new Map([
      ["u-olga", { id: "u-olga", name: "Olga Ivanova", presence: "AVAILABLE", workplaceId: WP1 }],
      ["u-petr", { id: "u-petr", name: "Petr", presence: "AVAILABLE", workplaceId: WP2 }],
    ]),
    userIdsByEmail: new Map([
      ["olga@acme.test", "u-olga"],
      ["petr@acme.test", "u-petr"],
    ]),
    busyWorkplaces: new Set(busy),
    busyUsers: new Set(),
    lastEndByWorkplace: new Map(),
  };
}

const call = { from: "+79001234567", to: "+74951234567" };
const run = (crm: CrmAnswer | undefined, busy: string[] = []) =>
  decide(snapshot([rule()], busy), call, NOW, {
    random: () => 0,
    cursor: createMemoryCursor(),
    crm,
  });

describe("ask the CRM in the engine", () => {
  it("routes to the manager the CRM names (email in any case), saying how fast", () => {
    const result = run({ status: "answered", ms: 140, managerEmail: "Olga@ACME.test" });
    expect(result.target).toMatchObject({ kind: "workplace", externalId: "wp-1" });
    expect(result.steps).toContainEqual({
      kind: "crm",
      result: "answered",
      ms: 140,
      answer: "Olga Ivanova",
      status: "available",
      detail: null,
    });
  });

  it("takes a workplace id or a number", () => {
    expect(run({ status: "answered", ms: 5, workplaceId: "wp-2" }).target).toMatchObject({
      externalId: "wp-2",
    });
    expect(run({ status: "answered", ms: 5, number: "+74957654321" }).target).toEqual({
      kind: "number",
      number: "+74957654321",
    });
  });

  it("falls back on a timeout, an error, an unknown or a busy target, and without a URL", () => {
    const cases: Array<[CrmAnswer, string]> = [
      [{ status: "timeout", ms: 800 }, "timeout"],
      [{ status: "error", ms: 12, message: "HTTP 500" }, "error"],
      [{ status: "noUrl", ms: 0 }, "noUrl"],
      [{ status: "answered", ms: 9, managerEmail: "ghost@acme.test" }, "unknown"],
      [{ status: "answered", ms: 9, workplaceId: "wp-404" }, "unknown"],
      [{ status: "answered", ms: 9, number: "not a number" }, "unknown"],
      [{ status: "answered", ms: 9 }, "unknown"],
    ];
    for (const [answer, result] of cases) {
      const decided = run(answer);
      expect(decided.target, result).toMatchObject({ externalId: "wp-2" });
      expect(
        decided.steps.find((s) => s.kind === "crm"),
        result,
      ).toMatchObject({ result });
      expect(decided.steps.map((s) => s.kind)).toContain("fallback");
    }
    const busy = run({ status: "answered", ms: 30, managerEmail: "olga@acme.test" }, [WP1]);
    expect(busy.target).toMatchObject({ externalId: "wp-2" });
    expect(busy.steps.find((s) => s.kind === "crm")).toMatchObject({ status: "busy" });
  });

  it("asks only when the rule that decides asks, with that rule's budget", () => {
    expect(crmBudgetOf(snapshot([rule()]), call, NOW)).toBe(800);
    const workplaceFirst = rule({ action: { kind: "workplace", workplaceId: WP1 } });
    expect(crmBudgetOf(snapshot([workplaceFirst]), call, NOW)).toBeNull();
    const other = rule({
      conditions: { dialed: ["+70000000000"], caller: { kind: "any" }, schedule: null },
    });
    expect(crmBudgetOf(snapshot([other]), call, NOW)).toBeNull();
    const asFallback = rule({
      action: { kind: "workplace", workplaceId: WP1 },
      fallbacks: [{ kind: "crm", timeoutMs: 2500 }],
    });
    expect(crmBudgetOf(snapshot([asFallback]), call, NOW)).toBe(2500);
  });
});
