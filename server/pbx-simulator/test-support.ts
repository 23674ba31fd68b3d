// Shared helpers for the simulator's tests: a notification receiver (Pult's side of the
// Redirect URI), the OAuth dance and JSON-RPC calls over real HTTP.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { createManualClock, type ManualClock } from "@/server/pbx-simulator/clock";
import {
  startSimulator,
  type Simulator,
  type SimulatorOptions,
} from "@/server/pbx-simulator/simulator";

export const credentials = {
  clientId: "pult-test",
  clientSecret: "test-secret-0123456789",
  login: "cabinet",
  password: "cabinet-password",
};

const notificationSchema = z.object({
  id: z.uuid(),
  type: z.string(),
  occurredAt: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()),
});

export type Received = z.infer<typeof notificationSchema> & {
  raw: string;
  headers: IncomingHttpHeaders;
};

export type Receiver = {
  url: string;
  received: Received[];
  ofType(type: string, callId?: string): Received[];
  waitFor(type: string, callId?: string, count?: number): Promise<Received[]>;
  close(): Promise<void>;
};

export async function waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Pult's notification endpoint; `respond` picks the HTTP status per delivery ("hang" = none). */
export async function startReceiver(
  respond: (n: Received) => number | "hang" = () => 204,
): Promise<Receiver> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const parsed = notificationSchema.safeParse(JSON.parse(raw));
      if (!parsed.success) {
        res.writeHead(400).end();
        return;
      }
      const notification = { ...parsed.data, raw, headers: req.headers };
      received.push(notification);
      const status = respond(notification);
      if (status !== "hang") res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = z.custom<AddressInfo>((v) => typeof v === "object").parse(server.address());
  const ofType = (type: string, callId?: string) =>
    received.filter((n) => n.type === type && (callId === undefined || n.data.callId === callId));
  return {
    url: `http://127.0.0.1:${port}/mtt/hook`,
    received,
    ofType,
    waitFor: (type, callId, count = 1) =>
      waitFor(() => {
        const found = ofType(type, callId);
        return found.length >= count ? found : undefined;
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Harness = { sim: Simulator; clock: ManualClock; receiver: Receiver };

/** A simulator on a manual clock with its notifications going to a fresh receiver. */
export async function startHarness(options: Partial<SimulatorOptions> = {}): Promise<Harness> {
  const clock = createManualClock();
  const receiver = await startReceiver();
  const sim = await startSimulator({
    ...credentials,
    redirectUri: receiver.url,
    remoteAnswerDelayMs: null,
    recordingDelayMs: 500,
    seed: "test",
    clock,
    ...options,
  });
  return { sim, clock, receiver };
}

export async function stopHarness(harness: Harness | undefined): Promise<void> {
  await harness?.sim.close();
  await harness?.receiver.close();
}

const tokenSchema = z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  token_type: z.literal("Bearer"),
  expires_in: z.number(),
  scope: z.string(),
});

export async function postForm(url: string, fields: Record<string, string>) {
  return fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

/** Signs in at the login form and returns the redirect's `code`. */
export async function authorize(sim: Simulator, redirectUri: string, state = "s-1") {
  const res = await postForm(`${sim.url}/oauth/authorize`, {
    response_type: "code",
    client_id: credentials.clientId,
    redirect_uri: redirectUri,
    state,
    login: credentials.login,
    password: credentials.password,
  });
  const location = new URL(res.headers.get("location") ?? "");
  return location.searchParams.get("code") ?? "";
}

export async function obtainTokens(sim: Simulator, redirectUri: string) {
  const code = await authorize(sim, redirectUri);
  const res = await postForm(`${sim.url}/oauth/token`, {
    grant_type: "authorization_code",
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    code,
    redirect_uri: redirectUri,
  });
  return tokenSchema.parse(await res.json());
}

export const rpcAnswerSchema = z.object({
  jsonrpc: z.literal("2.0"),
  id: z.union([z.string(), z.number(), z.null()]),
  result: z.unknown().optional(),
  error: z
    .object({ code: z.number(), message: z.string(), data: z.unknown().optional() })
    .optional(),
});

export async function rpc(sim: Simulator, token: string, method: string, params?: unknown) {
  const res = await fetch(`${sim.url}/vats/v1`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return rpcAnswerSchema.parse(await res.json());
}

export async function control(sim: Simulator, method: string, path: string, body?: unknown) {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = res.headers.get("content-type")?.includes("json") ? await res.json() : null;
  return { status: res.status, json };
}

export function callIdOf(json: unknown): string {
  return z.object({ callId: z.string() }).parse(json).callId;
}

export async function incomingCall(sim: Simulator, to = "+74951234567", from = "+79161112233") {
  const { json } = await control(sim, "POST", "/control/calls", { from, to });
  return callIdOf(json);
}
