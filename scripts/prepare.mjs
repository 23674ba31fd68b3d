// Makes the checkout runnable: generates the Prisma client when the schema changed and,
// with --build, runs `next build` when the sources changed since the last build.
// Used by npm start/dev/test so that `npm ci && npm start` works on a fresh clone.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function run(cmd, cmdArgs, env = {}) {
  const result = spawnSync(cmd, cmdArgs, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function hashFiles(entries) {
  const hash = createHash("sha256");
  const walk = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      const base = path.basename(p);
      if (["node_modules", ".next", "generated", ".pult"].includes(base)) return;
      for (const name of readdirSync(p).sort()) walk(path.join(p, name));
      return;
    }
    hash.update(path.relative(root, p));
    hash.update(readFileSync(p));
  };
  for (const entry of entries) walk(path.join(root, entry));
  return hash.digest("hex");
}

function generatePrismaClient() {
  const stamp = path.join(root, "server", "generated", "prisma", ".schema-hash");
  const digest = hashFiles(["prisma/schema.prisma", "package-lock.json"]);
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === digest) return;
  run(bin("prisma"), ["generate"], {
    PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, "scripts", "no-schema-engine.sh"),
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  });
  mkdirSync(path.dirname(stamp), { recursive: true });
  writeFileSync(stamp, digest);
}

function buildNext() {
  const stamp = path.join(root, ".next", "pult-build-hash");
  const digest = hashFiles([
    "app",
    "lib",
    "server",
    "public",
    "prisma/schema.prisma",
    "next.config.mjs",
    "proxy.ts",
    "postcss.config.mjs",
    "tsconfig.json",
    "package-lock.json",
  ]);
  const built = existsSync(path.join(root, ".next", "BUILD_ID"));
  if (!args.has("--force") && built && existsSync(stamp) && readFileSync(stamp, "utf8") === digest) {
    return;
  }
  console.log("Pult: building the web console (first start or sources changed)…");
  run(bin("next"), ["build"]);
  writeFileSync(stamp, digest);
}

generatePrismaClient();
if (args.has("--build")) buildNext();
