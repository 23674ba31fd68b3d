// Tenant isolation across every tRPC procedure: tenant A's administrator calls each one with
// A's own inputs and with tenant B's ids, names and numbers. Refusals must be NOT_FOUND (or the
// listed code), answers must carry nothing of B, A's queries must answer exactly what they
// answered before B existed, and B's rows must be byte-for-byte unchanged at the end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolationSpecs, type ForeignCase } from "@/server/testing/isolation-cases";
import { invokeProcedure, listProcedures, type Outcome } from "@/server/testing/procedures";
import { leakedMarkers, snapshotTenant, toJsonText } from "@/server/testing/tenant-snapshot";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { seedTenantWorld, type TenantWorld } from "@/server/testing/tenant-world";

const procedures = listProcedures();
let fixture: TenantFixture | undefined;
let a: TenantWorld;
let b: TenantWorld;
let bBefore: Record<string, string[]>;
// A's query answers before tenant B existed, by "path#index".
const answersBeforeB = new Map<string, string>();
const counts = { procedures: 0, ownCalls: 0, foreignCalls: 0 };
// Below these the suite checks next to nothing, e.g. after a refactor of isolation-cases.ts.
// Today: 67 procedures; 33 and 11 calls with A's own inputs, 30 and 38 with B's ids.
const MIN = {
  procedures: 60,
  ownQueries: 30,
  foreignQueries: 25,
  foreignMutations: 33,
  ownMutations: 9,
};

// The live board carries the server's clock; everything else must be identical.
function stable(outcome: Outcome): string {
  if (!outcome.ok) return `error ${outcome.code}: ${outcome.text}`;
  return toJsonText(outcome.value).replace(/"serverTime":"[^"]*"/g, '"serverTime":"…"');
}

/** B's markers that are in `outcome`, except those the caller itself typed into the input. */
function leaks(outcome: Outcome, input: unknown): string[] {
  const typed = toJsonText(input);
  const markers = b.markers.filter((marker) => !typed.includes(marker));
  return leakedMarkers(outcome.text, markers);
}

const queries = [...procedures].filter(([, type]) => type === "query").map(([p]) => p);
const mutations = [...procedures].filter(([, type]) => type === "mutation").map(([p]) => p);

beforeAll(async () => {
  fixture = await setUpTenant();
  a = await seedTenantWorld({
    label: "Alpha",
    digit: 1,
    parkTimeouts: 1,
    existing: { tenantId: fixture.tenantId, adminId: fixture.adminId },
  });
  for (const path of queries) {
    for (const [index, input] of (isolationSpecs[path]?.own?.(a) ?? []).entries())
      answersBeforeB.set(`${path}#${index}`, stable(await invokeProcedure(a.admin, path, input)));
  }
  b = await seedTenantWorld({ label: "Bravo", digit: 2, parkTimeouts: 2 });
  bBefore = await snapshotTenant(b.tenantId);
}, 180_000);

afterAll(async () => {
  console.info(
    `tenant isolation: ${counts.procedures} procedures, ${counts.ownCalls} calls with A's own ` +
      `inputs, ${counts.foreignCalls} calls with B's ids`,
  );
  await fixture?.teardown();
});

/** Calls `path` with each of B's cases; returns how many it made. */
async function runForeign(path: string, cases: ForeignCase[]): Promise<number> {
  const user = isolationSpecs[path]?.isPublic ? null : a.admin;
  for (const { input, refuse, check } of cases) {
    const outcome = await invokeProcedure(user, path, input);
    counts.foreignCalls++;
    const where = `${path} ${toJsonText(input)}`;
    expect(leaks(outcome, input), `${where} answered with B's data: ${outcome.text}`).toEqual([]);
    if (refuse) {
      expect(outcome.ok ? "answered" : outcome.code, `${where}: ${outcome.text}`).toBeOneOf([
        ...refuse,
      ]);
    } else {
      expect(outcome.ok, `${where} failed: ${outcome.text}`).toBe(true);
      if (outcome.ok) check?.(outcome.value);
    }
  }
  return cases.length;
}

describe("tenant isolation across every tRPC procedure", () => {
  it("has every procedure of the app router classified", () => {
    const unclassified = [...procedures.keys()].filter((path) => !(path in isolationSpecs));
    expect(unclassified, "add these to server/testing/isolation-cases.ts").toEqual([]);
    const empty = [...procedures.keys()].filter(
      (path) => !isolationSpecs[path]?.own && !isolationSpecs[path]?.foreign,
    );
    expect(empty).toEqual([]);
    counts.procedures = procedures.size;
    expect(counts.procedures).toBeGreaterThanOrEqual(MIN.procedures);
  });

  it("the scan sees a company's data where it belongs (B's admin reading B)", async () => {
    const own = await invokeProcedure(b.admin, "clients.list", {});
    expect(leakedMarkers(own.text, b.markers).length).toBeGreaterThan(0);
    const mine = await invokeProcedure(a.admin, "clients.list", {});
    expect(leakedMarkers(mine.text, a.markers).length).toBeGreaterThan(0);
  });

  it("A's queries answer exactly what they answered before B existed, and nothing of B", async () => {
    let calls = 0;
    for (const path of queries) {
      for (const [index, input] of (isolationSpecs[path]?.own?.(a) ?? []).entries()) {
        const outcome = await invokeProcedure(a.admin, path, input);
        counts.ownCalls++;
        calls++;
        expect(outcome.ok, `${path}: ${outcome.text}`).toBe(true);
        expect(leaks(outcome, input), path).toEqual([]);
        expect(stable(outcome), path).toBe(answersBeforeB.get(`${path}#${index}`));
      }
    }
    expect(calls).toBeGreaterThanOrEqual(MIN.ownQueries);
  });

  it("queries given B's ids refuse or answer with nothing of B", async () => {
    let calls = 0;
    for (const path of queries)
      calls += await runForeign(path, isolationSpecs[path]?.foreign?.(a, b) ?? []);
    expect(calls).toBeGreaterThanOrEqual(MIN.foreignQueries);
  });

  it("mutations given B's ids refuse and change nothing of B", async () => {
    let calls = 0;
    for (const path of mutations)
      calls += await runForeign(path, isolationSpecs[path]?.foreign?.(a, b) ?? []);
    expect(calls).toBeGreaterThanOrEqual(MIN.foreignMutations);
  });

  it("A's own mutations succeed and answer with nothing of B", async () => {
    let calls = 0;
    for (const path of mutations) {
      for (const input of isolationSpecs[path]?.own?.(a) ?? []) {
        const outcome = await invokeProcedure(a.admin, path, input);
        counts.ownCalls++;
        calls++;
        expect(outcome.ok, `${path}: ${outcome.text}`).toBe(true);
        expect(leaks(outcome, input), path).toEqual([]);
      }
    }
    expect(calls).toBeGreaterThanOrEqual(MIN.ownMutations);
  });

  it("leaves every row of tenant B exactly as it was", async () => {
    const after = await snapshotTenant(b.tenantId);
    for (const table of Object.keys(bBefore)) expect(after[table], table).toEqual(bBefore[table]);
    expect(Object.keys(after).sort()).toEqual(Object.keys(bBefore).sort());
  });
});
