// Runs scripts/test.ts (the `npm test` runner) as a child for the runner's own tests.
import { spawn } from "node:child_process";
import { connect } from "node:net";
import path from "node:path";
import { freePort } from "@/scripts/bench/common";

const root = path.resolve(import.meta.dirname, "..");

export type Run = { code: number | null; output: string; seconds: number };

/** The command in the checkout, outside vitest's environment; `onOutput` sees the output so far. */
export function runTests(
  command: string[],
  env: Record<string, string>,
  onOutput?: (output: string, pid: number) => void,
): Promise<Run> {
  const started = performance.now();
  // vitest's own variables (NODE_ENV=test among them) are not the runner's: unset.
  const cleared = Object.fromEntries(
    Object.keys(process.env)
      .filter((name) => /^VITEST|^NODE_ENV$/.test(name))
      .map((name) => [name, undefined]),
  );
  const child = spawn(command[0] ?? "", command.slice(1), {
    cwd: root,
    env: { ...process.env, ...cleared, CI: "", PULT_TEST_REDUCED: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (child.pid) onOutput?.(output, child.pid);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  return new Promise((resolve) => {
    child.once("close", (code) =>
      resolve({ code, output, seconds: (performance.now() - started) / 1000 }),
    );
  });
}

export const runner = (...args: string[]) => [
  process.execPath,
  "--import",
  "tsx",
  "scripts/test.ts",
  ...args,
];

export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** The port of the private service the run printed ("private Redis on port 41234"). */
export const privatePort = (output: string, what: string) =>
  Number(new RegExp(`private ${what}[^\\n]* on port (\\d+)`).exec(output)?.[1] ?? 0);

/** A loopback URL where nothing listens. */
export async function closedUrl(scheme: string): Promise<string> {
  return `${scheme}://127.0.0.1:${await freePort()}`;
}
