import { describe, expect, it } from "vitest";
import type { CallerCondition, RoutingAction, RuleConditions } from "@/lib/schemas/routing";
import {
  createMemoryCursor,
  decide,
  type ClientInfo,
  type EngineDeps,
  type RoutingSnapshot,
  type SnapshotRule,
  type UserInfo,
} from "@/server/routing/engine";

const WP = {
  ivanova: "00000000-0000-4000-8000-000000000001",
  petrov: "00000000-0000-4000-8000-000000000002",
  sidorov: "00000000-0000-4000-8000-000000000003",
  empty: "00000000-0000-4000-8000-000000000004",
};
const CLIENT = "+79001112233";
const NUMBER = "+74950000001";
// Friday 2026-11-27 12:00 in Moscow.
const NOON = new Date("2026-11-27T09:00:00Z");

type Presence = UserInfo["presence"];

function snapshot(over: {
  rules: SnapshotRule[];
  presence?: Partial<Record<keyof typeof WP, Presence>>;
  busy?: Array<keyof typeof WP>;
  lastEnd?: Partial<Record<keyof typeof WP, number>>;
  clients?: Record<string, ClientInfo>;
}): RoutingSnapshot {
  const people = { ivanova: "Ivanova", petrov: "Petrov", sidorov: "Sidorov" } as const;
  const users = new Map<string, UserInfo>();
  const workplaces = new Map<
    string,
    { id: string; externalId: string; name: string; userId: string | null }
  >();
  for (const [key, id] of Object.entries(WP) as Array<[keyof typeof WP, string]>) {
    const userId = key === "empty" ? null : `user-${key}`;
    workplaces.set(id, { id, externalId: `ext-${key}`, name: `WP ${key}`, userId });
    if (userId && key !== "empty") {
      users.set(userId, {
        id: userId,
        name: people[key],
        presence: over.presence?.[key] ?? "AVAILABLE",
        workplaceId: id,
      });
    }
  }
  const clients = over.clients ?? {
    [CLIENT]: { clientId: "c1", managerId: "user-ivanova", tags: ["Wholesale"], isVip: true },
  };
  return {
    timeZone: "Europe/Moscow",
    rules: over.rules,
    findClient: (phone) => clients[phone],
    workplaces,
    users,
    busyWorkplaces: new Set((over.busy ?? []).map((k) => WP[k])),
    busyUsers: new Set(),
    lastEndByWorkplace: new Map(
      Object.entries(over.lastEnd ?? {}).map(([k, v]) => [WP[k as keyof typeof WP], v]),
    ),
  };
}

const anyConditions: RuleConditions = { dialed: [], caller: { kind: "any" }, schedule: null };
let ruleCount = 0;
function rule(
  action: RoutingAction,
  fallbacks: RoutingAction[] = [],
  over: Partial<SnapshotRule> = {},
): SnapshotRule {
  ruleCount++;
  return {
    id: `rule-${ruleCount}`,
    name: `Rule ${ruleCount}`,
    isEnabled: true,
    conditions: anyConditions,
    action,
    fallbacks,
    ...over,
  };
}
const deps = (random = 0): EngineDeps => ({ random: () => random, cursor: createMemoryCursor() });
const call = (from = CLIENT, to = NUMBER) => ({ from, to });
const group = (
  strategy: "roundRobin" | "longestIdle" | "random",
  ids = [WP.ivanova, WP.petrov, WP.sidorov],
): RoutingAction => ({ kind: "group", name: "Sales", strategy, workplaceIds: ids });

describe("decide: actions", () => {
  it("personal manager available → transfer to their workplace, explained", () => {
    const r = rule({ kind: "personalManager" }, [{ kind: "release" }]);
    const result = decide(snapshot({ rules: [r] }), call(), NOON, deps());
    expect(result).toMatchObject({
      outcome: "TRANSFER_WORKPLACE",
      ruleId: r.id,
      target: { kind: "workplace", workplaceId: WP.ivanova, externalId: "ext-ivanova" },
    });
    expect(result.steps).toEqual([
      { kind: "ruleMatched", rule: r.name },
      { kind: "personalManager", name: "Ivanova", status: "available" },
    ]);
  });

  it.each([
    ["OFFLINE", "offline"],
    ["BREAK", "break"],
  ] as const)("personal manager %s → the fallback group, longest idle", (presence, status) => {
    const r = rule({ kind: "personalManager" }, [group("longestIdle")]);
    const result = decide(
      snapshot({
        rules: [r],
        presence: { ivanova: presence },
        lastEnd: { petrov: 1000, sidorov: 5000 },
      }),
      call(),
      NOON,
      deps(),
    );
    expect(result.target).toMatchObject({ workplaceId: WP.petrov });
    expect(result.steps).toEqual([
      { kind: "ruleMatched", rule: r.name },
      { kind: "personalManager", name: "Ivanova", status },
      { kind: "fallback", index: 1 },
      { kind: "groupPick", group: "Sales", strategy: "longestIdle", name: "Petrov" },
    ]);
  });

  it("personal manager on a call → next fallback; a busy user counts even on another workplace", () => {
    const r = rule({ kind: "personalManager" }, [{ kind: "workplace", workplaceId: WP.sidorov }]);
    const byWorkplace = decide(snapshot({ rules: [r], busy: ["ivanova"] }), call(), NOON, deps());
    expect(byWorkplace.steps[1]).toEqual({
      kind: "personalManager",
      name: "Ivanova",
      status: "busy",
    });
    expect(byWorkplace.target).toMatchObject({ workplaceId: WP.sidorov });
    const snap = snapshot({ rules: [r] });
    const busyUser = { ...snap, busyUsers: new Set(["user-ivanova"]) };
    expect(decide(busyUser, call(), NOON, deps()).steps[1]).toMatchObject({ status: "busy" });
  });

  it("unknown caller or a client without a manager cannot use personal manager", () => {
    const r = rule({ kind: "personalManager" }, [{ kind: "number", number: "+79990000000" }]);
    const unknown = decide(snapshot({ rules: [r] }), call("+79005550000"), NOON, deps());
    expect(unknown.steps[1]).toEqual({
      kind: "personalManager",
      name: null,
      status: "unknownCaller",
    });
    expect(unknown).toMatchObject({
      outcome: "TRANSFER_NUMBER",
      target: { kind: "number", number: "+79990000000" },
    });
    const noManager = decide(
      snapshot({
        rules: [r],
        clients: { [CLIENT]: { clientId: "c", managerId: null, tags: [], isVip: false } },
      }),
      call(),
      NOON,
      deps(),
    );
    expect(noManager.steps[1]).toEqual({
      kind: "personalManager",
      name: null,
      status: "noManager",
    });
  });

  it("a manager without a workplace is skipped", () => {
    const r = rule({ kind: "personalManager" });
    const snap = snapshot({ rules: [r] });
    const users = new Map(snap.users);
    users.set("user-ivanova", {
      id: "user-ivanova",
      name: "Ivanova",
      presence: "AVAILABLE",
      workplaceId: null,
    });
    const result = decide({ ...snap, users }, call(), NOON, deps());
    expect(result.steps).toContainEqual({
      kind: "personalManager",
      name: "Ivanova",
      status: "noWorkplace",
    });
    expect(result.steps.at(-1)).toEqual({ kind: "release", reason: "exhausted" });
    expect(result.outcome).toBe("RELEASE");
  });

  it("specific workplace: available, without a user, or unknown", () => {
    const ok = decide(
      snapshot({ rules: [rule({ kind: "workplace", workplaceId: WP.petrov })] }),
      call(),
      NOON,
      deps(),
    );
    expect(ok.target).toMatchObject({ workplaceId: WP.petrov, name: "WP petrov" });
    const noUser = decide(
      snapshot({ rules: [rule({ kind: "workplace", workplaceId: WP.empty })] }),
      call(),
      NOON,
      deps(),
    );
    expect(noUser.steps[1]).toMatchObject({ kind: "workplace", status: "noUser" });
    expect(noUser.outcome).toBe("RELEASE");
    const gone = decide(
      snapshot({
        rules: [rule({ kind: "workplace", workplaceId: "00000000-0000-4000-8000-00000000dead" })],
      }),
      call(),
      NOON,
      deps(),
    );
    expect(gone.steps[1]).toMatchObject({ kind: "workplace", status: "noWorkplace" });
  });

  it("external number and release are final", () => {
    const num = decide(
      snapshot({ rules: [rule({ kind: "number", number: "+78005553535" })] }),
      call(),
      NOON,
      deps(),
    );
    expect(num).toMatchObject({ outcome: "TRANSFER_NUMBER", target: { number: "+78005553535" } });
    const rel = decide(
      snapshot({
        rules: [rule({ kind: "release" }, [{ kind: "number", number: "+78005553535" }])],
      }),
      call(),
      NOON,
      deps(),
    );
    expect(rel.outcome).toBe("RELEASE");
    expect(rel.steps.at(-1)).toEqual({ kind: "release", reason: "action" });
  });
});

describe("decide: group strategies", () => {
  it("round robin rotates and skips members that are not available", () => {
    const r = rule(group("roundRobin"));
    const d = deps();
    const snap = snapshot({ rules: [r], presence: { petrov: "BREAK" } });
    const picks = [1, 2, 3, 4].map(() => decide(snap, call(), NOON, d).target);
    expect(picks.map((t) => t && "name" in t && t.name)).toEqual([
      "WP ivanova",
      "WP sidorov",
      "WP ivanova",
      "WP sidorov",
    ]);
  });

  it("round robin keeps separate cursors per rule", () => {
    const a = rule(group("roundRobin"));
    const b = rule(group("roundRobin"), [], {
      conditions: { ...anyConditions, dialed: ["+74950000002"] },
    });
    const d = deps();
    const snap = snapshot({ rules: [b, a] });
    expect(decide(snap, call(), NOON, d).target).toMatchObject({ workplaceId: WP.ivanova });
    expect(decide(snap, call(CLIENT, "+74950000002"), NOON, d).target).toMatchObject({
      workplaceId: WP.ivanova,
    });
    expect(decide(snap, call(), NOON, d).target).toMatchObject({ workplaceId: WP.petrov });
  });

  it("longest idle prefers a workplace with no recent call, then the oldest end", () => {
    const r = rule(group("longestIdle"));
    expect(
      decide(snapshot({ rules: [r], lastEnd: { ivanova: 10, petrov: 20 } }), call(), NOON, deps())
        .target,
    ).toMatchObject({ workplaceId: WP.sidorov });
    expect(
      decide(
        snapshot({ rules: [r], lastEnd: { ivanova: 30, petrov: 20, sidorov: 40 } }),
        call(),
        NOON,
        deps(),
      ).target,
    ).toMatchObject({ workplaceId: WP.petrov });
  });

  it("random uses the injected source over the available members", () => {
    const r = rule(group("random"));
    const snap = snapshot({ rules: [r], busy: ["ivanova"] });
    expect(decide(snap, call(), NOON, deps(0)).target).toMatchObject({ workplaceId: WP.petrov });
    expect(decide(snap, call(), NOON, deps(0.99)).target).toMatchObject({
      workplaceId: WP.sidorov,
    });
  });

  it("a group with nobody available falls back, and an exhausted chain releases", () => {
    const r = rule(group("random", [WP.ivanova, WP.empty]), [{ kind: "personalManager" }]);
    const result = decide(
      snapshot({ rules: [r], presence: { ivanova: "OFFLINE" } }),
      call(),
      NOON,
      deps(),
    );
    expect(result.steps).toEqual([
      { kind: "ruleMatched", rule: r.name },
      { kind: "groupEmpty", group: "Sales", strategy: "random" },
      { kind: "fallback", index: 1 },
      { kind: "personalManager", name: "Ivanova", status: "offline" },
      { kind: "release", reason: "exhausted" },
    ]);
    expect(result).toMatchObject({ outcome: "RELEASE", ruleId: r.id, target: null });
  });
});

describe("decide: conditions and rule order", () => {
  const release: RoutingAction = { kind: "release" };
  const to = (number: string): RoutingAction => ({ kind: "number", number });

  it("no rules at all releases everything, and says so", () => {
    const result = decide(snapshot({ rules: [] }), call(), NOON, deps());
    expect(result).toMatchObject({ outcome: "RELEASE", ruleId: null });
    expect(result.steps).toEqual([{ kind: "noRules" }, { kind: "release", reason: "noMatch" }]);
  });

  it("disabled rules are skipped; the first matching enabled rule wins", () => {
    const off = rule(to("+70000000001"), [], { isEnabled: false });
    const on = rule(to("+70000000002"));
    const later = rule(to("+70000000003"));
    const result = decide(snapshot({ rules: [off, on, later] }), call(), NOON, deps());
    expect(result.ruleId).toBe(on.id);
    expect(result.steps.slice(0, 2)).toEqual([
      { kind: "ruleDisabled", rule: off.name },
      { kind: "ruleMatched", rule: on.name },
    ]);
  });

  it("number dialed", () => {
    const r = rule(release, [], { conditions: { ...anyConditions, dialed: ["+74950000009"] } });
    expect(decide(snapshot({ rules: [r] }), call(), NOON, deps()).steps[0]).toEqual({
      kind: "ruleSkipped",
      rule: r.name,
      reason: "dialed",
    });
    expect(
      decide(snapshot({ rules: [r] }), call(CLIENT, "+74950000009"), NOON, deps()).ruleId,
    ).toBe(r.id);
  });

  it.each([
    [{ kind: "known" }, true, false],
    [{ kind: "unknown" }, false, true],
    [{ kind: "vip" }, true, false],
    [{ kind: "tag", tags: ["wholesale"] }, true, false],
    [{ kind: "tag", tags: ["retail"] }, false, false],
    [{ kind: "prefix", prefixes: ["+790011"] }, true, false],
    [{ kind: "prefix", prefixes: ["7812", "7900555"] }, false, true],
  ] as Array<[CallerCondition, boolean, boolean]>)(
    "caller %j: client → %s, stranger +79005550000 → %s",
    (caller, forClient, forStranger) => {
      const r = rule(release, [], { conditions: { ...anyConditions, caller } });
      expect(decide(snapshot({ rules: [r] }), call(CLIENT), NOON, deps()).ruleId === r.id).toBe(
        forClient,
      );
      expect(
        decide(snapshot({ rules: [r] }), call("+79005550000"), NOON, deps()).ruleId === r.id,
      ).toBe(forStranger);
    },
  );

  it("VIP is false for a known client without the flag", () => {
    const r = rule(release, [], { conditions: { ...anyConditions, caller: { kind: "vip" } } });
    const clients = { [CLIENT]: { clientId: "c", managerId: null, tags: [], isVip: false } };
    expect(decide(snapshot({ rules: [r], clients }), call(), NOON, deps()).steps[0]).toMatchObject({
      reason: "caller",
    });
  });

  it("schedule in the tenant's time zone: office hours by day, night rule after hours", () => {
    const office = rule(to("+70000000001"), [], {
      conditions: {
        ...anyConditions,
        schedule: {
          weekdays: [1, 2, 3, 4, 5],
          windows: [{ start: "09:00", end: "18:00" }],
          holidays: ["2026-12-31"],
          holidayMode: "exclude",
        },
      },
    });
    const night = rule(to("+70000000002"), [], {
      conditions: {
        ...anyConditions,
        schedule: {
          weekdays: [1, 2, 3, 4, 5, 6, 7],
          windows: [{ start: "18:00", end: "09:00" }],
          holidays: [],
          holidayMode: "exclude",
        },
      },
    });
    const snap = snapshot({ rules: [office, night] });
    expect(decide(snap, call(), NOON, deps()).ruleId).toBe(office.id);
    // 20:30 UTC Friday = 23:30 Moscow.
    const late = decide(snap, call(), new Date("2026-11-27T20:30:00Z"), deps());
    expect(late.ruleId).toBe(night.id);
    expect(late.steps[0]).toEqual({ kind: "ruleSkipped", rule: office.name, reason: "schedule" });
    // Saturday 03:00 Moscow is still Friday's night.
    expect(decide(snap, call(), new Date("2026-11-28T00:00:00Z"), deps()).ruleId).toBe(night.id);
    // A holiday at noon: office is closed, and the night rule does not cover noon either.
    expect(decide(snap, call(), new Date("2026-12-31T09:00:00Z"), deps()).ruleId).toBeNull();
    // The same instant with the tenant in New York is 04:00 → night.
    expect(decide({ ...snap, timeZone: "America/New_York" }, call(), NOON, deps()).ruleId).toBe(
      night.id,
    );
  });
});
