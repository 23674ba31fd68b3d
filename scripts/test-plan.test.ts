import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Need } from "@/scripts/preflight";
import { planStages } from "@/scripts/test-plan";
import type { Schedule, Stage } from "@/scripts/test-stages";

const root = path.resolve(import.meta.dirname, "..");
const plan = (mode: "all" | "integration" | "e2e", passThrough: string[] = []) =>
  planStages(root, { mode, passThrough, e2eLanes: 2 });
const stages = (schedule: Schedule): Stage[] => schedule.flat(2);
const stage = (schedule: Schedule, name: string) => stages(schedule).find((s) => s.name === name);
const excluded = (s: Stage | undefined) => (s?.env?.PULT_TEST_EXCLUDE ?? "").split(",");

describe("the test plan", () => {
  it("runs every stage of npm test once, the prepare step first", () => {
    const schedule = plan("all").schedule(new Set());
    expect(stages(schedule).map((s) => s.name)).toEqual([
      "prepare",
      "lint",
      "build",
      "typecheck",
      "db:check",
      "unit",
      "integration:serial",
      "integration:postgres",
      "integration:embedded",
      "e2e",
    ]);
    expect(schedule[0]).toEqual([[expect.objectContaining({ name: "prepare" })]]);
  });

  it("runs the whole-server suites alone, after the build", () => {
    const schedule = plan("all").schedule(new Set());
    const at = schedule.findIndex((step) =>
      step.flat().some((s) => s.name === "integration:serial"),
    );
    expect(schedule[at]).toHaveLength(1);
    expect(schedule[at]?.[0]).toHaveLength(1);
    const buildAt = schedule.findIndex((step) => step.flat().some((s) => s.name === "build"));
    expect(buildAt).toBeLessThan(at);
  });

  it("runs PGlite's own tests on the embedded pass only", () => {
    const schedule = plan("all").schedule(new Set());
    const onPostgres = excluded(stage(schedule, "integration:postgres"));
    expect(onPostgres).toContain("server/db/embedded.int.test.ts");
    expect(onPostgres).not.toContain("server/db/embedded-prisma-concurrency.int.test.ts");
    expect(onPostgres).not.toContain("server/calls/publish.int.test.ts");
    expect(excluded(stage(schedule, "integration:embedded"))).toEqual([""]);
  });

  it("leaves out only the Redis files and the private-cluster tests when those are missing", () => {
    const missing = new Set<Need>(["redis", "postgresBinaries"]);
    const schedule = plan("all").schedule(missing);
    expect(stages(schedule)).toHaveLength(10);
    const embedded = stage(schedule, "integration:embedded");
    expect(excluded(embedded)).toContain("server/realtime/redis-fanout.int.test.ts");
    expect(excluded(embedded)).not.toContain("server/calls/publish.int.test.ts");
    expect(embedded?.command.join(" ")).toContain("PostgreSQL restart during traffic");
    expect(plan("all").leftOutWithout(missing).join("\n")).toMatch(/two-instance test/);
  });

  it("without PostgreSQL runs neither db:check nor the PostgreSQL passes, and says so", () => {
    const missing = new Set<Need>(["postgres"]);
    const names = stages(plan("all").schedule(missing)).map((s) => s.name);
    expect(names).not.toContain("db:check");
    expect(names).not.toContain("integration:postgres");
    expect(names).not.toContain("integration:serial");
    expect(names).toContain("integration:embedded");
    expect(plan("all").leftOutWithout(missing)).toContain("the integration pass on PostgreSQL");
  });

  it("asks the preflight only for what the chosen stages need", () => {
    expect([...plan("e2e").needs]).toEqual(["browser"]);
    expect(plan("integration").needs.has("browser")).toBe(false);
    const onlyDbCheck = planStages(root, {
      mode: "all",
      only: ["db:check"],
      passThrough: [],
      e2eLanes: 2,
    });
    expect([...onlyDbCheck.needs]).toEqual(["postgres"]);
  });

  it("passes test files to the integration passes and Playwright options to e2e", () => {
    const integration = plan("integration", ["server/calls"]).schedule(new Set());
    expect(stage(integration, "integration:embedded")?.command).toContain("server/calls");
    expect(stage(integration, "e2e")).toBeUndefined();
    const e2e = plan("e2e", ["e2e/auth.spec.ts", "--lanes", "1"]).schedule(new Set());
    expect(stage(e2e, "e2e")?.command.slice(-3)).toEqual(["e2e/auth.spec.ts", "--lanes", "1"]);
  });
});
