// npm run test:e2e [-- e2e/some.spec.ts ...]
// Runs each Playwright spec file against its own fresh server, embedded database and PBX
// simulator. The journeys change shared state on purpose (the PBX structure, routing rules,
// calls left ringing when a journey fails); a fresh server per file keeps one file's state or
// failure from deciding another file's result. Exit code 1 when any file failed.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
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

const failed = [];
const started = Date.now();
for (const spec of specs) {
  console.log(`\n▶ ${spec}`);
  const result = spawnSync("npx", ["playwright", "test", spec, ...options], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) failed.push(spec);
}
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(
  `\ne2e: ${specs.length - failed.length}/${specs.length} spec files passed in ${minutes} min`,
);
if (failed.length > 0) {
  console.log(`failed:\n${failed.map((f) => `  ${f}`).join("\n")}`);
  process.exit(1);
}
