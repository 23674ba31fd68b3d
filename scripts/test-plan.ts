// Which stages a test run has, what each needs from the machine, what a reduced run leaves out,
// and their order: what may share the 2 cores and what must run alone.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Need } from "@/scripts/preflight";
import type { Schedule, Stage } from "@/scripts/test-stages";

export type Mode = "all" | "integration" | "e2e";

const node = process.execPath;
const bin = (name: string) => path.join("node_modules", ".bin", name);
const vitest = (...args: string[]) => [bin("vitest"), "run", ...args];
const SKIP_DIRS = new Set(["node_modules", "generated", ".next", ".pult", "e2e"]);
const TEST_DATABASE = "server/testing/test-database.ts";
// Left out with `-t` by a reduced run without the server binaries (the rest of their files runs).
const PG_RESTART_SUITES = [
  "PostgreSQL restart during traffic",
  "losing the database connection",
  "a private PostgreSQL for the run",
];

const isFile = (root: string, file: string) => {
  try {
    return statSync(path.join(root, file)).isFile();
  } catch {
    return false;
  }
};

function integrationTestFiles(root: string, dir = ""): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory())
      return SKIP_DIRS.has(entry.name) ? [] : integrationTestFiles(root, rel);
    return entry.name.endsWith(".int.test.ts") ? [rel] : [];
  });
}

/** The project files a file imports (relative and `@/` imports), read once per run. */
const importsCache = new Map<string, string[]>();
function importsOf(root: string, file: string): string[] {
  const cached = importsCache.get(file);
  if (cached) return cached;
  const text = readFileSync(path.join(root, file), "utf8");
  const found = [...text.matchAll(/(?:from|import\s*\()\s*"((?:\.{1,2}|@)\/[^"]+)"/g)].flatMap(
    (match) => {
      const spec = match[1] ?? "";
      const base = spec.startsWith("@/") ? spec.slice(2) : path.join(path.dirname(file), spec);
      const resolved = ["", ".ts", ".tsx", "/index.ts"]
        .map((e) => base + e)
        .find((f) => isFile(root, f));
      return resolved ? [resolved] : [];
    },
  );
  importsCache.set(file, found);
  return found;
}

/**
 * Whether a file reaches server/testing/test-database.ts through its imports. The test files
 * that do not (PGlite's own tests, this runner's) run the same on both passes, so they run on
 * the embedded pass only.
 */
function reachesTestDatabase(root: string, file: string, seen = new Set<string>()): boolean {
  if (file === TEST_DATABASE) return true;
  if (seen.has(file)) return false;
  seen.add(file);
  return importsOf(root, file).some((imported) => reachesTestDatabase(root, imported, seen));
}

/** What a run leaves out without each need, as the contributor reads it. */
const LEFT_OUT: Record<Need, string[]> = {
  browser: ["the e2e journeys (e2e/*.spec.ts, Playwright in Chromium)"],
  postgres: [
    "db:check (the schema against the migrations)",
    "the integration pass on PostgreSQL",
    "the resilience tests (kill -9 during traffic, PostgreSQL restart, connection loss)",
    "the two-instance test (server/testing/scale: two servers on one PostgreSQL and Redis)",
  ],
  postgresBinaries: [
    `the tests that run a PostgreSQL cluster of their own: ${PG_RESTART_SUITES.map((s) => `"${s}"`).join(", ")}`,
  ],
  redis: [
    "the realtime tests on Redis (fan-out between two instances, revoking sessions)",
    "the two-instance test (server/testing/scale)",
  ],
};

type StageName =
  | "prepare"
  | "lint"
  | "typecheck"
  | "db:check"
  | "unit"
  | "build"
  | "integration:postgres"
  | "integration:serial"
  | "integration:embedded"
  | "e2e";

/** Each stage and the needs without which it cannot start at all. */
const NEEDS: Record<StageName, Need[]> = {
  prepare: [],
  lint: [],
  typecheck: [],
  "db:check": ["postgres"],
  unit: [],
  build: [],
  "integration:postgres": ["postgres", "postgresBinaries", "redis"],
  "integration:serial": ["postgres", "postgresBinaries", "redis"],
  "integration:embedded": ["postgresBinaries", "redis"],
  e2e: ["browser"],
};
/** Needs that only take some files or tests out of a stage, which still runs. */
const PARTIAL: Partial<Record<StageName, Need[]>> = {
  "integration:postgres": ["postgresBinaries", "redis"],
  "integration:serial": ["postgresBinaries", "redis"],
  "integration:embedded": ["postgresBinaries", "redis"],
};

const MODES: Record<Mode, StageName[]> = {
  all: Object.keys(NEEDS) as StageName[],
  integration: [
    "prepare",
    "integration:postgres",
    "build",
    "integration:serial",
    "integration:embedded",
  ],
  e2e: ["prepare", "build", "e2e"],
};

/**
 * The order on a 2-core machine (timings in the README's Tests section). Steps run one after
 * another, lanes within a step side by side, stages within a lane in order.
 * - ESLint and tsc are one core each: ESLint (the longest) holds one core while the build, tsc,
 *   the migration check and the unit tests (one vitest worker) take turns on the other.
 * - The resilience and scale-out suites expect a quiet machine: they run alone.
 * - The e2e journeys (two files at a time) mostly wait: for the browser, their servers' start
 *   and the PBX simulator's calls. The two integration passes run beside them and take the CPU
 *   they leave idle. (Not at a lower priority: a niced worker's timers fire late when the
 *   machine is busy, and the tests that measure a second's throttling fail.)
 */
const TEMPLATE: StageName[][][] = [
  [["prepare"]],
  [["lint"], ["build", "typecheck", "db:check", "unit"]],
  [["integration:serial"]],
  [["integration:postgres", "integration:embedded"], ["e2e"]],
];

export type PlanOptions = {
  mode: Mode;
  /** --only a,b: just these stages (prepare always runs). */
  only?: string[];
  /** Test files or Playwright options passed on to vitest (integration) or e2e.mjs. */
  passThrough: string[];
  e2eLanes: number;
};

export function planStages(root: string, opts: PlanOptions) {
  const selected = new Set<StageName>(
    opts.only ? ["prepare", ...MODES.all.filter((s) => opts.only?.includes(s))] : MODES[opts.mode],
  );
  const unknown = (opts.only ?? []).filter((s) => !(s in NEEDS));
  const needs = new Set<Need>([...selected].flatMap((s) => NEEDS[s]));

  /** Stages that cannot start without these needs; the rest only lose some of their files. */
  const blocked = (missing: ReadonlySet<Need>) =>
    new Set(
      [...selected].filter((s) => NEEDS[s].some((n) => missing.has(n) && !PARTIAL[s]?.includes(n))),
    );

  const leftOutWithout = (missing: ReadonlySet<Need>) => {
    const parts = [...missing]
      .filter((need) => [...selected].some((s) => NEEDS[s].includes(need)))
      .flatMap((need) => LEFT_OUT[need])
      .filter((part) => selected.has("db:check") || !part.startsWith("db:check"));
    return [...new Set(parts)];
  };

  const schedule = (missing: ReadonlySet<Need>): Schedule => {
    const files = integrationTestFiles(root);
    const redisFiles = missing.has("redis")
      ? files.filter((f) => readFileSync(path.join(root, f), "utf8").includes("TEST_REDIS_URL"))
      : [];
    const exclude = (list: string[]) => ({ PULT_TEST_EXCLUDE: list.join(",") });
    const sameOnBothPasses = files.filter((f) => !reachesTestDatabase(root, f));
    const filters = opts.mode === "integration" ? opts.passThrough : [];
    // With test files named, a pass that has none of them is not a failure.
    const filterArgs = filters.length > 0 ? ["--passWithNoTests", ...filters] : [];
    const withoutRestart = missing.has("postgresBinaries")
      ? ["-t", `^(?!.*(${PG_RESTART_SUITES.join("|")}))`]
      : [];
    const lanes = String(opts.e2eLanes);
    const e2eArgs = opts.mode === "e2e" ? opts.passThrough : [];
    const stages: Record<StageName, Omit<Stage, "name">> = {
      prepare: { command: [node, "scripts/prepare.mjs"] },
      lint: { command: [bin("eslint"), "--max-warnings", "0", "."] },
      typecheck: { command: [bin("tsc"), "--noEmit"] },
      "db:check": { command: [node, "--import", "tsx", "scripts/create-migration.ts", "--check"] },
      unit: { command: vitest("--project", "unit") },
      build: { command: [node, "scripts/prepare.mjs", "--build"] },
      "integration:postgres": {
        command: vitest("--project", "integration", ...withoutRestart, ...filterArgs),
        env: exclude([...redisFiles, ...sameOnBothPasses]),
      },
      "integration:serial": {
        command: vitest("--project", "integration-serial", ...withoutRestart, ...filterArgs),
        env: exclude(redisFiles),
      },
      "integration:embedded": {
        command: vitest("--project", "integration", ...withoutRestart, ...filterArgs),
        env: { PULT_TEST_DB: "embedded", ...exclude(redisFiles) },
      },
      e2e: { command: [node, "scripts/e2e.mjs", "--lanes", lanes, ...e2eArgs] },
    };
    const runs = (name: StageName) => selected.has(name) && !blocked(missing).has(name);
    return TEMPLATE.map((step) =>
      step
        .map((lane) => lane.filter(runs).map((name) => ({ name, ...stages[name] })))
        .filter((lane) => lane.length > 0),
    ).filter((step) => step.length > 0);
  };

  return { needs, unknown, leftOutWithout, schedule };
}
