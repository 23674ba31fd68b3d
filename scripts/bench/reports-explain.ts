// EXPLAIN (ANALYZE, BUFFERS) of every query the /reports page runs, on a seeded database:
//   node --import tsx scripts/bench/reports-explain.ts --database-url postgresql://… [--days 30]
// Prints each plan with the settings reportQuery() uses (jit off, work_mem), so the time a report
// takes can be attributed to its nodes.
import { parseArgs } from "node:util";
import pg from "pg";
import { setConfig } from "@/server/config";
import { closeDatabase, initDatabase } from "@/server/db";
import { loadConfig } from "@/server/env";
import { getReportScope, managerReportQueries, seriesQueries } from "@/server/reports/queries";
import { rollupPageQuery } from "@/server/reports/rollup-report";
import { refreshRollups } from "@/server/reports/rollup-refresh";
import { LIVE_DAYS, rollupSelect } from "@/server/reports/rollups";
import { firstSeededTenant, localDateAgo } from "@/scripts/bench/reports-common";

async function main() {
  const { values } = parseArgs({
    options: {
      "database-url": { type: "string" },
      days: { type: "string", default: "30" },
      only: { type: "string" },
    },
  });
  const url = values["database-url"];
  if (!url) throw new Error("--database-url is required");
  const tenantId = await firstSeededTenant(url);
  setConfig({ ...loadConfig({}), pultSecret: "bench-secret-0123456789-abcdefghijklmnop" });
  initDatabase(url);
  const days = Number(values.days);
  const scope = await getReportScope(tenantId, {
    from: localDateAgo(days - 1),
    to: localDateAgo(0),
  });
  const live = { ...scope, from: localDateAgo(LIVE_DAYS - 1) };
  const queries = {
    ...managerReportQueries(scope),
    ...seriesQueries(scope),
    // What each report computes live on top of the stored rollups.
    rollupLive: rollupSelect(live),
    // The page's one statement over stored and live rollup rows.
    page: rollupPageQuery(scope, await refreshRollups(scope)),
  };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET jit = off");
    await client.query("SET work_mem = '32MB'");
    await client.query("SET random_page_cost = 1.1");
    for (const [name, query] of Object.entries(queries)) {
      if (values.only && values.only !== name) continue;
      const plan = await client.query<{ "QUERY PLAN": string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${query.text}`,
        query.values,
      );
      console.log(`\n===== ${name} (${days} days) =====`);
      for (const row of plan.rows) console.log(row["QUERY PLAN"]);
    }
  } finally {
    await client.end();
    await closeDatabase();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
