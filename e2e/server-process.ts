import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { request } from "node:http";

export type ServerRun = {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
};

let started = 0;

/** Starts the production server as `npm start` does (after the build), with the given env. */
export function startServer(env: Record<string, string>): ServerRun {
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      DATABASE_URL: "",
      REDIS_URL: "",
      // These runs test the process itself; the e2e server already holds the simulator's port.
      PULT_SIMULATOR: "0",
      PULT_DEMO: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // Kept with the e2e server's own log (scripts/e2e.mjs), which is checked for secrets.
  const logDir = process.env.E2E_SERVER_LOG_DIR;
  if (logDir) {
    const name = `${process.env.E2E_SPEC_NAME ?? "e2e"}.extra-${env.PORT ?? "server"}-${++started}`;
    const file = createWriteStream(`${logDir}/${name}.log`);
    child.stdout?.pipe(file, { end: false });
    child.stderr?.pipe(file, { end: false });
    child.on("close", () => file.end());
  }
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function waitForHealthy(baseUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${baseUrl} did not become healthy in ${timeoutMs} ms`);
}

/** Sends headers and half of a JSON body now; finish() sends the rest and reads the answer. */
export function startSlowRequest(port: number, path: string, body: string) {
  const half = Math.floor(body.length / 2);
  let resolveReply: (reply: { status: number; body: string }) => void = () => undefined;
  let rejectReply: (error: Error) => void = () => undefined;
  const reply = new Promise<{ status: number; body: string }>((resolve, reject) => {
    resolveReply = resolve;
    rejectReply = reject;
  });
  const req = request(
    {
      host: "127.0.0.1",
      port,
      path,
      method: "POST",
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
    },
    (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolveReply({ status: res.statusCode ?? 0, body: text }));
    },
  );
  req.on("error", rejectReply);
  req.write(body.slice(0, half));
  return {
    finish: () => {
      req.end(body.slice(half));
      return reply;
    },
  };
}
