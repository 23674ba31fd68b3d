// npm test [-- --reduced] [-- --only lint,unit] [-- --preflight] [-- --keep-going]
// npm run test:integration [-- server/calls ...]   the three integration passes (files: filters)
// npm run test:e2e [-- e2e/auth.spec.ts --lanes 1]  the Playwright journeys (scripts/e2e.mjs)
//
// First a preflight (scripts/preflight.ts): a browser, PostgreSQL, its server binaries, Redis.
// What is missing stops the run within seconds, with the fix. A PostgreSQL or Redis that is not
// running but installed is started privately for the run (a free loopback port, a temporary
// folder) and stopped at its end, also on Ctrl-C; the machine's own services are never touched.
// --reduced (or PULT_TEST_REDUCED=1) runs what the machine allows and lists what it left out;
// CI never does. The stages and their order are in scripts/test-plan.ts.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRunContext } from "@/server/testing/resilience/context";
import { startPrivatePostgres } from "@/server/testing/resilience/private-postgres";
import {
  inspect,
  needLabel,
  renderFindings,
  renderFixes,
  type Finding,
  type Need,
} from "@/scripts/preflight";
import { startPrivateRedis } from "@/scripts/private-redis";
import { planStages, type Mode } from "@/scripts/test-plan";
import { runSchedule } from "@/scripts/test-stages";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MODES: Mode[] = ["all", "integration", "e2e"];
const USAGE =
  "usage: node --import tsx scripts/test.ts [integration|e2e] [--reduced] [--preflight] " +
  "[--keep-going] [--only stage,stage] [test files / Playwright options]";

function parseArgs(argv: string[]) {
  const mode = MODES.find((m) => m === argv[0]) ?? "all";
  const rest = argv.slice(mode === argv[0] ? 1 : 0);
  const onlyAt = rest.indexOf("--only");
  const only = onlyAt >= 0 ? (rest[onlyAt + 1] ?? "").split(",").filter(Boolean) : undefined;
  const flags = new Set(["--reduced", "--preflight", "--keep-going"]);
  const passThrough = rest.filter(
    (a, i) => !flags.has(a) && (onlyAt < 0 || (i !== onlyAt && i !== onlyAt + 1)),
  );
  return {
    mode,
    only,
    passThrough,
    isReduced: rest.includes("--reduced") || process.env.PULT_TEST_REDUCED === "1",
    isPreflightOnly: rest.includes("--preflight"),
    isKeepGoing: rest.includes("--keep-going"),
  };
}

const VARIABLES: Partial<Record<Need, string>> = {
  browser: "CHROMIUM_PATH",
  postgres: "TEST_DATABASE_URL",
  redis: "TEST_REDIS_URL",
};

/** What the stages use: the services found, and the private ones started for this run. */
async function provide(findings: Finding[], ctx: ReturnType<typeof createRunContext>) {
  const env: Record<string, string> = {};
  for (const finding of findings) {
    const variable = VARIABLES[finding.need];
    if (variable && finding.use) env[variable] = finding.use;
  }
  const postgres = findings.find((f) => f.need === "postgres" && f.privateFrom);
  if (postgres) env.TEST_DATABASE_URL = (await startPrivatePostgres(ctx)).urlFor("postgres");
  const redis = findings.find((f) => f.need === "redis" && f.privateFrom);
  if (redis?.privateFrom)
    env.TEST_REDIS_URL = (await startPrivateRedis(redis.privateFrom, ctx)).url;
  return env;
}

const list = (parts: string[]) => parts.map((part) => `  - ${part}`).join("\n");

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.mode === "all" && args.passThrough.length > 0) {
    console.error(`${USAGE}\n(test files go to test:integration or test:e2e)`);
    return 2;
  }
  if (args.isReduced && process.env.CI) {
    console.error("The reduced run is for contributors' machines: CI runs every test.");
    return 2;
  }
  const plan = planStages(root, {
    ...args,
    e2eLanes: Number(process.env.E2E_LANES ?? 2),
  });
  if (plan.unknown.length > 0) {
    console.error(`unknown stage: ${plan.unknown.join(", ")}\n${USAGE}`);
    return 2;
  }
  const findings = await inspect(root, plan.needs);
  // Since the process started: what the contributor waits for, module loading included.
  console.log(renderFindings(findings, performance.now() / 1000));

  const missing = new Set<Need>(findings.filter((f) => f.fix).map((f) => f.need));
  const leftOut = plan.leftOutWithout(missing);
  if (missing.size > 0) {
    console.error(`\n${renderFixes(findings)}`);
    console.error(`\nWithout ${[...missing].map(needLabel).join(", ")} these cannot run:`);
    console.error(list(leftOut));
    if (!args.isReduced) {
      const command = {
        all: "npm test",
        integration: "npm run test:integration",
        e2e: "npm run test:e2e",
      };
      console.error(`\nFix the above, or leave them out: ${command[args.mode]} -- --reduced`);
      return 1;
    }
    console.error("\nReduced run (--reduced): running the rest.");
  }
  if (args.isPreflightOnly) return 0;

  const ctx = createRunContext("test");
  const abort = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    if (abort.signal.aborted) return;
    console.error(`\n${signal}: stopping the stages and the private services…`);
    abort.abort();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
    const env = await provide(findings, ctx).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`Could not start the private services: ${message}`);
      return null;
    });
    if (abort.signal.aborted) return 130;
    if (!env) return 1;
    const schedule = plan.schedule(missing);
    const isOk = await runSchedule(schedule, {
      root,
      env,
      signal: abort.signal,
      isKeepGoing: args.isKeepGoing,
    });
    if (missing.size > 0) console.log(`\nReduced run: left out\n${list(leftOut)}`);
    if (abort.signal.aborted) return 130;
    return isOk ? 0 : 1;
  } finally {
    await ctx.cleanup();
  }
}

process.exit(await main());
