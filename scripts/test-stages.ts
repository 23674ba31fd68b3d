// Runs the test stages: steps one after another, each step's lanes side by side, each lane's
// stages in order. A stage is one command in its own process group (so a failure or Ctrl-C stops
// all of it: vitest workers, Playwright and its servers). Stages running side by side print
// their lines with a [stage] prefix. Ends with the wall and CPU time of every stage.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { renderTable } from "@/scripts/bench/common";

export type Stage = {
  name: string;
  command: string[];
  env?: Record<string, string>;
};
/** Stages that run one after another. */
export type Lane = Stage[];
/** Lanes that run side by side; the next step starts when all of them are done. */
export type Step = Lane[];
export type Schedule = Step[];

type Result = {
  name: string;
  code: number;
  verdict: string;
  wallSec: number;
  cpuSec: number | null;
};
type RunOptions = {
  root: string;
  env: Record<string, string>;
  signal: AbortSignal;
  /** Run every stage even after a failure (a full report), instead of stopping at the first. */
  isKeepGoing?: boolean;
};

const KILL_AFTER_MS = 10_000;

function pipeLines(stream: Readable | null, prefix: string, out: NodeJS.WriteStream) {
  if (!stream) return;
  createInterface({ input: stream }).on("line", (line) => out.write(`${prefix}${line}\n`));
}

/** User + system seconds of the command and everything it waited for (the shell's `times`). */
function parseTimes(text: string): number | null {
  const children = text.trim().split("\n").at(-1) ?? "";
  const parts = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map(
    (m) => Number(m[1]) * 60 + Number(m[2]),
  );
  return parts.length === 2 ? (parts[0] ?? 0) + (parts[1] ?? 0) : null;
}

function runStage(stage: Stage, isPrefixed: boolean, opts: RunOptions): Promise<Result> {
  const started = performance.now();
  // `times` after the command: its CPU time, including the workers and servers it started.
  const script = '"$@"; code=$?; times >&3; exit $code';
  const child = spawn("sh", ["-c", script, "sh", ...stage.command], {
    cwd: opts.root,
    env: { ...process.env, ...opts.env, ...stage.env },
    detached: true,
    stdio: ["ignore", isPrefixed ? "pipe" : "inherit", isPrefixed ? "pipe" : "inherit", "pipe"],
  });
  const prefix = `[${stage.name}] `;
  pipeLines(child.stdout, prefix, process.stdout);
  pipeLines(child.stderr, prefix, process.stderr);
  let times = "";
  child.stdio[3]?.on("data", (chunk: Buffer) => (times += chunk.toString()));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  let killTimer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    killGroup("SIGINT");
    killTimer = setTimeout(() => killGroup("SIGKILL"), KILL_AFTER_MS);
  };
  opts.signal.addEventListener("abort", onAbort, { once: true });
  if (!isPrefixed) console.log(`\n▶ ${stage.name}`);
  return new Promise((resolve) => {
    child.once("close", (code, signal) => {
      clearTimeout(killTimer);
      opts.signal.removeEventListener("abort", onAbort);
      const wallSec = (performance.now() - started) / 1000;
      const exit = code ?? (signal ? 128 : 1);
      const verdict =
        exit === 0 ? "passed" : opts.signal.aborted ? "stopped" : `FAILED (exit ${exit})`;
      const result = { name: stage.name, code: exit, verdict, wallSec, cpuSec: parseTimes(times) };
      console.log(
        `${isPrefixed ? prefix : ""}■ ${stage.name} ${verdict} in ${wallSec.toFixed(0)} s`,
      );
      resolve(result);
    });
  });
}

async function runLane(
  lane: Lane,
  isPrefixed: boolean,
  opts: RunOptions,
  failFast: AbortController,
) {
  const results: Result[] = [];
  for (const stage of lane) {
    if (opts.signal.aborted) break;
    const result = await runStage(stage, isPrefixed, opts);
    results.push(result);
    if (result.code !== 0 && !opts.isKeepGoing) {
      failFast.abort();
      break;
    }
  }
  return results;
}

function renderSummary(results: readonly Result[], totalSec: number): string {
  const rows = results.map((r) => [
    r.name,
    r.wallSec.toFixed(0),
    r.cpuSec === null ? "?" : r.cpuSec.toFixed(0),
    r.verdict,
  ]);
  return renderTable({
    title: `\nTest stages (${(totalSec / 60).toFixed(1)} min)`,
    header: ["Stage", "Wall s", "CPU s", "Result"],
    rows,
  });
}

/** True when every stage passed. The first failure stops the rest (as `a && b` would) unless
 * isKeepGoing. */
export async function runSchedule(schedule: Schedule, options: RunOptions): Promise<boolean> {
  const started = performance.now();
  const failFast = new AbortController();
  const signal = AbortSignal.any([options.signal, failFast.signal]);
  const opts = { ...options, signal };
  const results: Result[] = [];
  for (const step of schedule) {
    if (signal.aborted) break;
    const isPrefixed = step.length > 1;
    const lanes = await Promise.all(step.map((lane) => runLane(lane, isPrefixed, opts, failFast)));
    results.push(...lanes.flat());
  }
  console.log(renderSummary(results, (performance.now() - started) / 1000));
  const planned = schedule.flat(2).length;
  return results.length === planned && results.every((r) => r.code === 0);
}
