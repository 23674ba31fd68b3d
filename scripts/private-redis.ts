// A Redis of the test run's own, on a free loopback port with its files in a temporary folder,
// for machines that have redis-server installed but not running. The machine's Redis is never
// touched. Stopped (and its folder removed) by the context's cleanup, also on Ctrl-C.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, sleep, type BenchContext } from "@/scripts/bench/common";
import { pingRedis } from "@/scripts/preflight";

export type PrivateRedis = { url: string };

export async function startPrivateRedis(binary: string, ctx: BenchContext): Promise<PrivateRedis> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "pult-redis-"));
  const port = await freePort();
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir];
  const child = spawn(binary, [...args, "--save", "", "--appendonly", "no", "--daemonize", "no"], {
    // Its own process group: Ctrl-C reaches the runner, which stops it after the stages.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let isRunning = true;
  void exited.then(() => (isRunning = false));
  ctx.onCleanup(async () => {
    if (isRunning) {
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(5000)]);
      if (isRunning) child.kill("SIGKILL");
    }
    await rm(dir, { recursive: true, force: true });
  });
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while ((await pingRedis(url, 500)) !== null) {
    if (!isRunning || Date.now() > deadline) {
      throw new Error(`redis-server did not start on port ${port}:\n${output.slice(-2000)}`);
    }
    await sleep(50);
  }
  ctx.phase(`private Redis on port ${port}`);
  return { url };
}
