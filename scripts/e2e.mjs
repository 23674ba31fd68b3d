// npm run test:e2e [-- e2e/some.spec.ts ...]
// Runs each Playwright spec file against its own fresh server, embedded database and PBX
// simulator. The journeys change shared state on purpose (the PBX structure, routing rules,
// calls left ringing when a journey fails); a fresh server per file keeps one file's state or
// failure from deciding another file's result. Each file's server logs are kept in
// e2e/.artifacts/server-logs and, after the last file, searched for the run's secrets
// (scripts/check-log-secrets.mjs). Exit code 1 when any file failed or a secret was logged.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const given = process.argv.slice(2);
const options = given.filter((a) => a.startsWith("-"));
const files = given.filter((a) => !a.startsWith("-"));
const specs =
  files.length > 0
    ? files
    : readdirSync(path.join(root, "e2e"))
        .filter((f) => f.endsWith(".spec.ts"))
        .sort()
        .map((f) => `e2e/${f}`);

const logDir = path.join(root, "e2e/.artifacts/server-logs");
// Same folder as playwright.config's E2E_DATA_DIR: each file's server writes its secret.key there.
const dataDir = path.join(root, `e2e/.artifacts/data-${process.env.E2E_PORT ?? 3107}`);
rmSync(logDir, { recursive: true, force: true });
mkdirSync(logDir, { recursive: true });
const pultSecrets = {};

const failed = [];
const started = Date.now();
for (const spec of specs) {
  console.log(`\n▶ ${spec}`);
  const name = path.basename(spec).replace(/\.spec\.ts$/, "");
  const result = spawnSync("npx", ["playwright", "test", spec, ...options], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      E2E_SERVER_LOG: path.join(logDir, `${name}.server.log`),
      E2E_IDP_LOG: path.join(logDir, `${name}.idp.log`),
      E2E_SERVER_LOG_DIR: logDir,
      E2E_SPEC_NAME: name,
    },
  });
  if (result.status !== 0) failed.push(spec);
  // The next file's server deletes the folder; keep this server's key for the log check.
  const keyFile = path.join(dataDir, "secret.key");
  if (existsSync(keyFile)) pultSecrets[name] = readFileSync(keyFile, "utf8").trim();
}
writeFileSync(path.join(logDir, ".run-secrets.json"), JSON.stringify({ pultSecrets }), {
  mode: 0o600,
});

console.log("\n▶ server logs");
const check = spawnSync(
  process.execPath,
  ["--import", "tsx", "scripts/check-log-secrets.mjs", logDir],
  { cwd: root, stdio: "inherit" },
);
if (check.status !== 0) failed.push("server logs: secrets found (scripts/check-log-secrets.mjs)");

const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(
  `\ne2e: ${specs.length - failed.filter((f) => specs.includes(f)).length}/${specs.length} spec files passed in ${minutes} min`,
);
if (failed.length > 0) {
  console.log(`failed:\n${failed.map((f) => `  ${f}`).join("\n")}`);
  process.exit(1);
}
