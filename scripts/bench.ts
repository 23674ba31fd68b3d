// npm run bench [-- --suite calls|http|all --json <file> ...]; `--help` lists every option.
// Starts the production server (and, for live calls, a PostgreSQL database of its own and the
// standalone PBX simulator), measures, prints tables and tears everything down, also on Ctrl-C.
// A measurement, not a pass/fail test: the exit code is non-zero only when the bench itself fails.
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  BenchError,
  renderTable,
  type BenchContext,
  type SuiteReport,
} from "@/scripts/bench/common";
import { suites, type BenchArgs } from "@/scripts/bench/suites";

const HELP = `Usage: npm run bench -- [options]

  --suite <name>        calls (default), routing, http or all (a comma list works too)
  --json <file>         also write the figures as JSON
  --duration <s>        calls: seconds of traffic (20); http: seconds per scenario (5)
  --port <n>            port of the Pult server under test, or of the load balancer (3197)

calls suite:
  --rate <n>            generated calls per second (100)
  --sweep <list>        instead of --rate: the suite at each rate of a comma list (e.g.
                        20,50,100,150), a fresh run per rate, Pult then the floor; prints one
                        table and the knee of each (the highest rate held with ack p99 < 50 ms
                        and sustained ≥ 0.97 × offered). --json writes { sweep, knee }
  --clients <n>         signed-in Socket.IO clients (200), each a user the admin invites (and
                        links to a workplace) who signs in and opens the board; the simulator gets
                        a workplace per manager. RSS "before" is with all of them connected
  --sign-in <how>       how those users sign in: sso (default: Pult's single sign-on against
                        scripts/bench/oidc-idp.ts, the invited user becomes active on first
                        sign-in) or password (accept the invite, set a password, sign in: two
                        scrypt hashes per user, minutes for 1,000 clients)
  --supervisors <n>     how many of them are supervisors (a tenth); the rest are managers
  --instances <n>       Pult server processes (1). More than one run behind scripts/lb.ts on
                        --port (sticky cookie, WebSocket proxying), share the database and Redis
                        (TEST_REDIS_URL, default redis://127.0.0.1:6379); the table adds the
                        push latency split by whether the browser sat on the instance that stored
                        the notification or on another one
  --no-floor            skip the floor run. By default the same traffic and clients then go to
                        scripts/bench/floor-server.ts (node:http + pg + Socket.IO: check the URL
                        key and signature, parse, one INSERT … ON CONFLICT DO NOTHING, one emit),
                        with as many instances, and Pult is printed as a ratio to it (aim ≥ 0.5×
                        of its throughput). --floor turns it back on.

routing suite:
  --parked-rate <n>     parked calls per second to decide (50)
  --client-cards <n>    clients in the database, each with a phone (100000)
  --rules <n>           routing rules (200)
  --crm-ms <n>          route by asking a CRM stub on 127.0.0.1 that answers in n ms with the
                        caller's personal manager (every tenth answer after the budget, so the
                        fallbacks must take it), instead of the personal-manager rule
  --crm-budget-ms <n>   the "ask the CRM" rule's time budget (1000)

http suite:
  --connections <n>     concurrent connections (16)
  --db <list>           embedded,postgres (both)

Figures of the calls suite (per run; Pult and the floor):
  ack                   the PBX's send → its 2xx, and event→ack from when the PBX had the event
                        (with its own queue: it keeps at most 128 deliveries on the wire)
  ack split             first attempts, from the database's timestamps: queue = sent → inbox row
                        written (received_at), insert = row written → 2xx, fold = row written →
                        call row written (processed_at)
  notification→browser  a supervisor's first frame carrying the event (eventIds; the floor's id)
                        − when the PBX sent it; a server that names no events is matched by call
                        (first frame with the call after the row was written) and marked so
  screen pop            call:ringing at the manager − when the PBX sent the callDelivered that
                        rang (the one the frame names, else the call's latest before it)
  lost / duplicated     acknowledged but not stored, or stored but never pushed to a supervisor /
                        stored twice, pushed but never stored, or pushed again
  CPU per notification  server processes, and PostgreSQL's (every local process named postgres
                        except other databases' backends), traffic start → drain end, ÷ stored;
                        with the floor, Pult's total ÷ the floor's (the target: ≤ 1.5×)

PostgreSQL: TEST_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres); the bench
creates a uniquely named database there and drops it at the end.
`;

function positive(name: string, value: string | undefined, options: { allowZero?: boolean } = {}) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (!options.allowZero && n === 0)) {
    throw new BenchError(`--${name} must be a positive number, got "${value}"`);
  }
  return n;
}

function resolveFloor(on: boolean | undefined, off: boolean | undefined): boolean {
  if (on && off) throw new BenchError("--floor and --no-floor contradict each other");
  return off !== true;
}

function parseSignIn(value: string): "sso" | "password" {
  if (value === "sso" || value === "password") return value;
  throw new BenchError(`--sign-in takes sso or password, got "${value}"`);
}

function parseSweep(
  value: string | undefined,
  rate: string | undefined,
  suiteNames: string[],
): number[] | undefined {
  if (value === undefined) return undefined;
  if (rate !== undefined) throw new BenchError("--sweep and --rate contradict each other");
  if (suiteNames.length !== 1 || suiteNames[0] !== "calls") {
    throw new BenchError("--sweep runs the calls suite only: drop --suite or use --suite calls");
  }
  const rates = value.split(",").map((r) => positive("sweep", r.trim()) ?? 0);
  if (rates.some((r) => r > 1000))
    throw new BenchError("--sweep rates are limited to 1000 calls/s");
  if (new Set(rates).size !== rates.length) throw new BenchError("--sweep lists a rate twice");
  return [...rates].sort((a, b) => a - b);
}

function parse(): { args: BenchArgs; suiteNames: string[]; jsonFile: string | undefined } {
  const { values } = parseArgs({
    options: {
      suite: { type: "string", default: "calls" },
      json: { type: "string" },
      duration: { type: "string" },
      port: { type: "string", default: "3197" },
      rate: { type: "string" },
      sweep: { type: "string" },
      "sign-in": { type: "string", default: "sso" },
      clients: { type: "string", default: "200" },
      supervisors: { type: "string" },
      "parked-rate": { type: "string", default: "50" },
      "client-cards": { type: "string", default: "100000" },
      rules: { type: "string", default: "200" },
      "crm-ms": { type: "string" },
      "crm-budget-ms": { type: "string", default: "1000" },
      connections: { type: "string", default: "16" },
      db: { type: "string", default: "embedded,postgres" },
      instances: { type: "string", default: "1" },
      floor: { type: "boolean" },
      "no-floor": { type: "boolean" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const known = suites.map((s) => s.name);
  const suiteNames = values.suite === "all" ? known : values.suite.split(",").map((s) => s.trim());
  for (const name of suiteNames) {
    if (!known.includes(name)) {
      throw new BenchError(`unknown suite "${name}": use ${[...known, "all"].join(", ")}`);
    }
  }
  for (const db of values.db.split(",").map((d) => d.trim())) {
    if (db !== "embedded" && db !== "postgres") {
      throw new BenchError(`--db takes embedded and/or postgres, got "${db}"`);
    }
  }
  const whole = (name: string, value: string | undefined) => {
    const n = positive(name, value);
    if (n !== undefined && !Number.isInteger(n)) {
      throw new BenchError(`--${name} must be a whole number, got "${value}"`);
    }
    return n;
  };
  const args: BenchArgs = {
    duration: positive("duration", values.duration),
    port: whole("port", values.port) ?? 3197,
    rate: positive("rate", values.rate) ?? 100,
    clients: whole("clients", values.clients) ?? 200,
    supervisors: whole("supervisors", values.supervisors),
    parkedRate: positive("parked-rate", values["parked-rate"]) ?? 50,
    clientCards: whole("client-cards", values["client-cards"]) ?? 100_000,
    rules: whole("rules", values.rules) ?? 200,
    crmMs: whole("crm-ms", values["crm-ms"]) ?? null,
    crmBudgetMs: whole("crm-budget-ms", values["crm-budget-ms"]) ?? 1000,
    connections: whole("connections", values.connections) ?? 16,
    db: values.db,
    instances: whole("instances", values.instances) ?? 1,
    floor: resolveFloor(values.floor, values["no-floor"]),
    sweep: parseSweep(values.sweep, values.rate, suiteNames),
    signIn: parseSignIn(values["sign-in"]),
  };
  if (args.instances > 8) throw new BenchError("--instances is limited to 8 on one machine");
  if (args.rate > 1000) throw new BenchError("--rate is limited to 1000 calls/s by the simulator");
  return { args, suiteNames, jsonFile: values.json };
}

// Teardown: newest first, once, also on Ctrl-C / SIGTERM and on failures.
const cleanups: Array<() => Promise<void> | void> = [];
async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    const fn = cleanups.pop();
    try {
      await fn?.();
    } catch (error) {
      console.error("cleanup failed:", error instanceof Error ? error.message : error);
    }
  }
}

let currentSuite = "bench";
const ctx: BenchContext = {
  phase: (message) => console.log(`[${currentSuite}] ${message}`),
  onCleanup(fn) {
    cleanups.push(fn);
    return () => {
      const index = cleanups.indexOf(fn);
      if (index >= 0) cleanups.splice(index, 1);
    };
  },
};

let isInterrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (isInterrupted) return;
    isInterrupted = true;
    console.error(`\n${signal}: stopping the server and the simulator, dropping the database…`);
    void cleanUp().finally(() => process.exit(130));
  });
}

// A throw outside the awaited chain (an event handler, a timer) would end the process with the
// servers, the simulator and the database left behind: clean up as for a failure.
process.on("uncaughtException", (thrown) => {
  if (isInterrupted) return;
  isInterrupted = true;
  console.error("\nbench failed:", thrown);
  void cleanUp().finally(() => process.exit(1));
});

async function main(): Promise<void> {
  const { args, suiteNames, jsonFile } = parse();
  const reports: Array<[string, SuiteReport]> = [];
  for (const name of suiteNames) {
    const suite = suites.find((s) => s.name === name);
    if (!suite) continue;
    currentSuite = name;
    ctx.phase(suite.summary);
    reports.push([name, await suite.run(args, ctx)]);
  }
  console.log("");
  for (const [, report] of reports) {
    for (const table of report.tables) console.log(`${renderTable(table)}\n`);
  }
  if (jsonFile) {
    // One suite: its figures at the top level; several: one object per suite.
    const [only] = reports;
    const json =
      reports.length === 1 && only
        ? only[1].json
        : Object.fromEntries(reports.map(([name, report]) => [name, report.json]));
    await writeFile(jsonFile, `${JSON.stringify(json, null, 2)}\n`);
    console.log(`JSON written to ${jsonFile}`);
  }
}

try {
  await main();
  await cleanUp();
  process.exit(0);
} catch (error) {
  if (error instanceof BenchError) console.error(`\nbench failed: ${error.message}`);
  else console.error("\nbench failed:", error);
  await cleanUp();
  process.exit(1);
}
