// The bench suites `npm run bench -- --suite <name>` can run. To plug in another one (e.g. the
// routing bench, `runRoutingBench(opts)` from scripts/bench-routing.ts): import its runner, add
// an entry below mapping the parsed CLI options to its own options, and add the name to the
// `--suite` help text in scripts/bench.ts. `all` runs every suite in this order.
import { routingBenchDefaults, runRoutingBench } from "@/scripts/bench-routing";
import { runCallsBench } from "@/scripts/bench/calls";
import { runCallsSweep } from "@/scripts/bench/calls-sweep";
import type { BenchContext, SuiteReport } from "@/scripts/bench/common";
import { runHttpBench } from "@/scripts/bench/http";

/** The parsed command line; each suite picks what it needs and its own defaults. */
export type BenchArgs = {
  /** Seconds; undefined = the suite's default (calls: 20 s of traffic, http: 5 s per scenario). */
  duration: number | undefined;
  port: number;
  rate: number;
  clients: number;
  supervisors: number | undefined;
  parkedRate: number;
  clientCards: number;
  rules: number;
  /** routing: ask a CRM stub answering in this many ms (null: the personal-manager rule). */
  crmMs: number | null;
  /** routing: the "ask the CRM" rule's time budget. */
  crmBudgetMs: number;
  connections: number;
  db: string;
  /** calls: server processes behind scripts/lb.ts (1 = the server alone). */
  instances: number;
  /** calls: also run the floor server under the same traffic. */
  floor: boolean;
  /** calls: run at each of these rates instead of `rate` and print the knee. */
  sweep: number[] | undefined;
  /** calls: how the clients' users sign in (SSO through the bench's IdP, or passwords). */
  signIn: "sso" | "password";
};

export type Suite = {
  name: string;
  summary: string;
  run(args: BenchArgs, ctx: BenchContext): Promise<SuiteReport>;
};

export const suites: Suite[] = [
  {
    name: "calls",
    summary:
      "live calls: simulator → notification endpoint → database → Socket.IO clients, then the floor server",
    run: (args, ctx) => {
      const opts = {
        durationSec: args.duration ?? 20,
        clients: args.clients,
        // A contact center has a few supervisors watching many managers.
        supervisors: args.supervisors ?? Math.max(1, Math.round(args.clients / 10)),
        port: args.port,
        instances: args.instances,
        floor: args.floor,
        signIn: args.signIn,
      };
      return args.sweep
        ? runCallsSweep(opts, args.sweep, ctx)
        : runCallsBench({ ...opts, rate: args.rate }, ctx);
    },
  },
  {
    name: "routing",
    summary: "routing: parked callStarted → decision → transferCall at the simulator",
    run: (args, ctx) =>
      runRoutingBench(
        {
          ...routingBenchDefaults,
          rate: args.parkedRate,
          durationSec: args.duration ?? routingBenchDefaults.durationSec,
          clients: args.clientCards,
          rules: args.rules,
          port: args.port,
          crm:
            args.crmMs === null ? null : { answerMs: args.crmMs, budgetMs: args.crmBudgetMs },
        },
        ctx,
      ),
  },
  {
    name: "http",
    summary: "health, tRPC, SSR and sign-in on the embedded database and PostgreSQL",
    run: (args, ctx) =>
      runHttpBench(
        {
          durationSec: args.duration ?? 5,
          connections: args.connections,
          databases: args.db
            .split(",")
            .map((d) => d.trim())
            .filter((d): d is "embedded" | "postgres" => d === "embedded" || d === "postgres"),
          port: args.port,
        },
        ctx,
      ),
  },
];
