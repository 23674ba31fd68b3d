// npm run test:e2e [-- e2e/some.spec.ts ...] [-- --lanes 2]
// Runs each Playwright spec file against its own fresh server, embedded database and PBX
// simulator. The journeys change shared state on purpose (the PBX structure, routing rules,
// calls left ringing when a journey fails); a fresh server per file keeps one file's state or
// failure from deciding another file's result. Each file's server logs are kept in
// e2e/.artifacts/server-logs and, after the last file, searched for the run's secrets
// (scripts/check-log-secrets.mjs). Exit code 1 when any file failed or a secret was logged.
//
// Lanes (--lanes N or E2E_LANES, default 1): N files at a time, each lane on its own ports (the
// e2e ports plus 10 per lane) and data folder, taking the next file from one queue, the files
// that took longest last time first. The journeys spend most of their time waiting for the
// browser, the server and the simulator, so two lanes share a 2-core machine well.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const given = process.argv.slice(2);
// `--lanes N` may come twice (the test runner's default, then the contributor's): the last wins.
let laneCount = Number(process.env.E2E_LANES ?? 1);
const args = given.filter((arg, i) => {
  if (arg === "--lanes") laneCount = Number(given[i + 1]);
  return arg !== "--lanes" && given[i - 1] !== "--lanes";
});
laneCount = Math.max(1, Math.floor(laneCount) || 1);
const options = args.filter((a) => a.startsWith("-"));
const files = args.filter((a) => !a.startsWith("-"));

const artifacts = path.join(root, "e2e/.artifacts");
const logDir = path.join(artifacts, "server-logs");
const durationsFile = path.join(artifacts, "spec-durations.json");
const readDurations = () => {
  try {
    return JSON.parse(readFileSync(durationsFile, "utf8"));
  } catch {
    return {};
  }
};
const lastDurations = readDurations();
const specs = (
  files.length > 0
    ? files
    : readdirSync(path.join(root, "e2e"))
        .filter((f) => f.endsWith(".spec.ts"))
        .sort()
        .map((f) => `e2e/${f}`)
).sort((a, b) => (lastDurations[b] ?? 0) - (lastDurations[a] ?? 0));

const basePorts = {
  E2E_PORT: Number(process.env.E2E_PORT ?? 3107),
  E2E_OIDC_PORT: Number(process.env.E2E_OIDC_PORT ?? 3108),
  E2E_SIMULATOR_PORT: Number(process.env.E2E_SIMULATOR_PORT ?? 3109),
};
const lanePorts = (lane) =>
  Object.fromEntries(
    Object.entries(basePorts).map(([name, port]) => [name, String(port + 10 * lane)]),
  );

rmSync(logDir, { recursive: true, force: true });
mkdirSync(logDir, { recursive: true });
const pultSecrets = {};
const durations = {};
const failed = [];
const started = Date.now();

function prefixLines(stream, prefix) {
  createInterface({ input: stream }).on("line", (line) =>
    process.stdout.write(`${prefix}${line}\n`),
  );
}

/** One spec file through `playwright test`, with the lane's ports; resolves to its exit code. */
function runSpec(spec, lane) {
  const name = path.basename(spec).replace(/\.spec\.ts$/, "");
  const ports = lanePorts(lane);
  const isPrefixed = laneCount > 1;
  console.log(`\n▶ ${spec}${isPrefixed ? ` (lane ${lane + 1}, port ${ports.E2E_PORT})` : ""}`);
  // Its own output folder: Playwright empties the folder at start, which would delete the
  // traces of a file that failed earlier in the run (or in the other lane).
  const output = options.some((o) => o.startsWith("--output"))
    ? []
    : ["--output", `test-results/${name}`];
  const child = spawn("npx", ["playwright", "test", spec, ...output, ...options], {
    cwd: root,
    stdio: ["ignore", isPrefixed ? "pipe" : "inherit", isPrefixed ? "pipe" : "inherit"],
    env: {
      ...process.env,
      ...ports,
      E2E_SERVER_LOG: path.join(logDir, `${name}.server.log`),
      E2E_IDP_LOG: path.join(logDir, `${name}.idp.log`),
      E2E_SERVER_LOG_DIR: logDir,
      E2E_SPEC_NAME: name,
      PLAYWRIGHT_HTML_OUTPUT_DIR: path.join(root, "playwright-report", name),
    },
  });
  if (isPrefixed) {
    prefixLines(child.stdout, `[${name}] `);
    prefixLines(child.stderr, `[${name}] `);
  }
  const specStarted = Date.now();
  return new Promise((resolve) => {
    child.once("close", (code) => {
      durations[spec] = Math.round((Date.now() - specStarted) / 1000);
      // Kept as it goes, so that a run stopped halfway still orders the next one.
      writeFileSync(durationsFile, JSON.stringify({ ...lastDurations, ...durations }, null, 2));
      // Same folder as playwright.config's E2E_DATA_DIR; the lane's next server deletes it.
      const keyFile = path.join(artifacts, `data-${ports.E2E_PORT}`, "secret.key");
      if (existsSync(keyFile)) pultSecrets[name] = readFileSync(keyFile, "utf8").trim();
      console.log(`■ ${spec}: ${code === 0 ? "passed" : "FAILED"} in ${durations[spec]} s`);
      resolve(code ?? 1);
    });
  });
}

const queue = [...specs];
async function runLane(lane) {
  for (let spec = queue.shift(); spec; spec = queue.shift()) {
    if ((await runSpec(spec, lane)) !== 0) failed.push(spec);
  }
}
await Promise.all(Array.from({ length: Math.min(laneCount, specs.length) }, (_, i) => runLane(i)));

writeFileSync(path.join(logDir, ".run-secrets.json"), JSON.stringify({ pultSecrets }), {
  mode: 0o600,
});

console.log("\n▶ server logs");
const check = await new Promise((resolve) => {
  spawn(process.execPath, ["--import", "tsx", "scripts/check-log-secrets.mjs", logDir], {
    cwd: root,
    stdio: "inherit",
  }).once("close", resolve);
});
if (check !== 0) failed.push("server logs: secrets found (scripts/check-log-secrets.mjs)");

const minutes = ((Date.now() - started) / 60_000).toFixed(1);
const passedCount = specs.length - failed.filter((f) => specs.includes(f)).length;
console.log(
  `\ne2e: ${passedCount}/${specs.length} spec files passed in ${minutes} min` +
    (laneCount > 1 ? ` (${laneCount} lanes)` : ""),
);
if (failed.length > 0) {
  console.log(`failed:\n${failed.map((f) => `  ${f}`).join("\n")}`);
  process.exit(1);
}
