// Times the report queries on a large seeded history:
//   npm run bench:reports -- [--calls 1000000] [--database-url …] [--runs 5] [--keep]
// Without --database-url it creates a database, seeds it (scripts/seed-calls.ts), measures and
// drops it unless --keep. With --database-url it measures the first seeded tenant found there.
import { parseArgs } from "node:util";
import pg from "pg";
import { setConfig } from "../server/config";
import { closeDatabase, initDatabase } from "../server/db";
import { loadConfig } from "../server/env";
import {
  buildManagerReport,
  buildReportSeries,
  countFigureCalls,
  getReportScope,
  listFigureCalls,
} from "../server/reports/queries";
import { createSeedDatabase, dropSeedDatabase, seedCalls } from "./seed-calls";

const SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function localDate(offsetDays: number): string {
  const d = new Date(Date.now() + 3 * 3600_000 + offsetDays * 86_400_000); // Europe/Moscow
  return d.toISOString().slice(0, 10);
}

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
    const probe = new pg.Client({ connectionString: url });
    await probe.connect();
    const tenant = await probe.query<{ tenant_id: string; n: string }>(
      `SELECT tenant_id, count(*) AS n FROM calls GROUP BY tenant_id ORDER BY n DESC LIMIT 1`,
    );
    await probe.end();
    const tenantId = tenant.rows[0]?.tenant_id;
    if (!tenantId) throw new Error("No calls in this database: seed it first");
    setConfig({ ...loadConfig({}), pultSecret: "bench-secret-0123456789-abcdefghijklmnop" });
    initDatabase(url);
    const periods = [
      { label: "30 days", from: localDate(-29), to: localDate(0) },
      { label: "12 months", from: localDate(-364), to: localDate(0) },
    ];
    const rows: Array<{ query: string; period: string; p50: number; max: number }> = [];
    for (const period of periods) {
      const scope = await getReportScope(tenantId, period);
      const report = await buildManagerReport(scope);
      console.log(
        `${period.label}: ${report.total.incoming} incoming, ${report.total.outgoing} outgoing, ${report.total.missed} missed`,
      );
      const measure = async (query: string, fn: () => Promise<unknown>) =>
        rows.push({ query, period: period.label, ...(await time(runs, fn)) });
      await measure("per-manager report", () => buildManagerReport(scope));
      await measure("chart series", () => buildReportSeries(scope));
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
    console.log(`\n${runs} runs each after one warm-up run.`);
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
