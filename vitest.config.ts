import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };
// Suites that run production servers, simulators and traffic (resilience, scale-out).
const SERIAL = [
  "server/testing/resilience/**/*.int.test.ts",
  "server/testing/scale/**/*.int.test.ts",
];
// Set by scripts/test.ts for one integration pass: files that pass runs without (vitest's
// --exclude does not reach the projects). Comma-separated paths or globs.
const runExclude = (process.env.PULT_TEST_EXCLUDE ?? "").split(",").filter(Boolean);
const exclude = ["node_modules/**", ".next/**", "e2e/**", "server/generated/**", ...runExclude];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["**/*.test.ts", "**/*.test.tsx"],
          exclude: [...exclude, "**/*.int.test.ts"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: [...exclude, ...SERIAL],
          environment: "node",
          // next-auth imports "next/server" without an extension, which Node's ESM loader cannot
          // resolve outside Next: bundled by Vite instead, so tests can drive its route handlers.
          server: { deps: { inline: ["next-auth"] } },
          // Each file has its own database (on the PostgreSQL server, or its own PGlite in its
          // worker, copied from a migrated template): two files side by side, one per core.
          fileParallelism: true,
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // Whole servers under traffic with timing-sensitive expectations: alone on the machine.
          name: "integration-serial",
          include: SERIAL,
          exclude,
          environment: "node",
          fileParallelism: false,
          maxWorkers: 1,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
