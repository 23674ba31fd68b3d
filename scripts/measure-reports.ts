// Times the report queries on a large seeded history:
//   npm run bench:reports -- [--calls 1000000] [--database-url …] [--runs 5] [--keep]
// Without --database-url it creates a database, seeds it (scripts/seed-calls.ts), measures and
// drops it unless --keep. With --database-url it measures the first seeded tenant found there.
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { setConfig } from "@/server/config";
import { closeDatabase, initDatabase } from "@/server/db";
import { applyMigrations } from "@/server/db/migrations";
import { loadConfig } from "@/server/env";
import {
  buildManagerReport,
  buildReportSeries,
  countFigureCalls,
  getReportScope,
  listFigureCalls,
} from "@/server/reports/queries";
import { firstSeededTenant, localDateAgo } from "@/scripts/bench/reports-common";
import { createSeedDatabase, dropSeedDatabase, seedCalls } from "@/scripts/seed-calls";

const SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function time(runs: number, fn: () => Promise<unknown>) {
  const ms: number[] = [];
  await fn(); // warm-up: plans and caches, not measured
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor((ms.length - 1) / 2)] ?? 0, max: ms.at(-1) ?? 0 };
}

async function main() {
  const { values } = parseArgs({
    options: {
      calls: { type: "string", default: "1000000" },
      "database-url": { type: "string" },
      runs: { type: "string", default: "5" },
      keep: { type: "boolean", default: false },
    },
  });
  const runs = Number(values.runs);
  let url = values["database-url"];
  let created: { url: string; name: string } | null = null;
  if (!url) {
    created = await createSeedDatabase(SERVER_URL);
    url = created.url;
    console.log(`seeding ${values.calls} calls into ${created.name}`);
    await seedCalls(url, Number(values.calls));
  }
  try {
    if (!created) await applyMigrations(url); // a database seeded before the latest migrations
    const tenantId = await firstSeededTenant(url);
    setConfig({ ...loadConfig({}), pultSecret: "bench-secret-0123456789-abcdefghijklmnop" });
    initDatabase(url);
    const periods = [
      { label: "30 days", from: localDateAgo(29), to: localDateAgo(0) },
      { label: "12 months", from: localDateAgo(364), to: localDateAgo(0) },
    ];
    const rows: Array<{ query: string; period: string; p50: number; max: number }> = [];
    for (const period of periods) {
      const scope = await getReportScope(tenantId, period);
      // The first report of a period builds the rollups of its settled days that are missing.
      const started = performance.now();
      const report = await buildManagerReport(scope);
      console.log(`${period.label}: first report ${(performance.now() - started).toFixed(0)} ms`);
      console.log(
        `${period.label}: ${report.total.incoming} incoming, ${report.total.outgoing} outgoing, ${report.total.missed} missed`,
      );
      const measure = async (query: string, fn: () => Promise<unknown>) =>
        rows.push({ query, period: period.label, ...(await time(runs, fn)) });
      await measure("per-manager report", () => buildManagerReport(scope));
      await measure("chart series, heat map, talk time", () => buildReportSeries(scope));
      // What the /reports page loads at once: summary and series (two tRPC calls).
      await measure("full page (report + series)", () =>
        Promise.all([buildManagerReport(scope), buildReportSeries(scope)]),
      );
      await measure("per-manager report, direct (no rollups)", () =>
        buildManagerReport(scope, { direct: true }),
      );
      await measure("drill-down: missed, page 1 + count", () =>
        Promise.all([
          listFigureCalls(scope, "missed", {}, { limit: 50 }),
          countFigureCalls(scope, "missed", {}),
        ]),
      );
    }
    console.log("\n| query | period | p50 ms | max ms |\n|---|---|---:|---:|");
    for (const r of rows) {
      console.log(`| ${r.query} | ${r.period} | ${r.p50.toFixed(0)} | ${r.max.toFixed(0)} |`);
    }
    const load = loadavg().map((l) => l.toFixed(2));
    console.log(`\n${runs} runs each after one warm-up run. Load average: ${load.join(" ")}`);
  } finally {
    await closeDatabase();
    if (created && !values.keep) {
      await dropSeedDatabase(SERVER_URL, created.name);
      console.log(`dropped ${created.name}`);
    } else if (created) {
      console.log(`kept ${created.url}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
