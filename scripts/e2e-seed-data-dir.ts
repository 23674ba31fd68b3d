// Seeds an e2e server's data folder with the migrated embedded-database template that the
// integration tests share (server/testing/test-database.ts), so each spec file's fresh server
// skips PGlite's initdb and the migrations: seconds per file in wasm. The server then starts as
// on any later `npm start`: migrations checked, the company and admin created on first start.
// The first-start path itself (empty folder) is exercised by e2e/server-lifecycle.spec.ts.
import { mkdir } from "node:fs/promises";
import { copyTemplate, migratedTemplate } from "@/server/testing/test-database";

const dataDir = process.argv[2];
if (!dataDir) {
  console.error("usage: node --import tsx scripts/e2e-seed-data-dir.ts <data folder>");
  process.exit(2);
}
await mkdir(dataDir, { recursive: true });
await copyTemplate(await migratedTemplate(), dataDir);
