import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { encode } from "next-auth/jwt";
import superjson from "superjson";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/events";
import { getDb } from "@/server/db";
import { loginAtAuthorizeUrl } from "@/server/demo/oauth-login";
import { enqueueJob } from "@/server/jobs/queue";
import { TOKEN_REFRESH_QUEUE } from "@/server/jobs/handlers";
import type { CallRecord } from "@/server/pbx-simulator/call-types";
import { startSimulator, type Simulator } from "@/server/pbx-simulator/simulator";
import { RECORDING_RETENTION_QUEUE } from "@/server/recordings/retention";
import { setUpTenant, type TenantFixture } from "@/server/testing/tenant-fixture";
import { isEmbeddedTestMode } from "@/server/testing/test-database";

// Two Pult instances as separate processes on one PostgreSQL database and one Redis, as behind a
// load balancer: what one instance stores reaches browsers on the other, jobs run once, and a
// routing change made on one instance decides the other's next parked call.

const QUICK_QUEUE = "scale-test.quick";
const SLOW_QUEUE = "scale-test.slow";
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const authSecret = randomBytes(32).toString("hex");
const pultSecret = randomBytes(32).toString("hex");
const cookieName = "authjs.session-token";
const sim = {
  clientId: "pult-scale",
  clientSecret: "scale-secret-0123456",
  login: "cab",
  password: "pw",
};
const SALES = "+74951234567";
const LEASE_MS = 600;
const SLOW_JOB_MS = 2_000;

type Instance = { name: string; url: string; child: ChildProcess; output: () => string };

let fixture: TenantFixture | undefined;
let simulator: Simulator | undefined;
let adminCookie = "";
let notifyPath = "";
const instances: Instance[] = [];
const sockets: Socket[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function startInstance(name: string, databaseUrl: string): Promise<Instance> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "server/testing/scale/instance.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: url,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      PULT_SECRET: pultSecret,
      AUTH_SECRET: authSecret,
      PULT_SIMULATOR: "0",
      PULT_DEMO: "0",
      // The test's simulator listens on loopback.
      PULT_MTT_ALLOW_PRIVATE: "true",
      PULT_API_KEY: "",
      LOG_LEVEL: "warn",
      SCALE_INSTANCE: name,
      SCALE_LEASE_MS: String(LEASE_MS),
      SCALE_SLOW_JOB_MS: String(SLOW_JOB_MS),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const instance = { name, url, child, output: () => output };
  instances.push(instance);
  await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`instance ${name} exited:\n${output}`);
      return output.includes(`SCALE_INSTANCE_READY ${name}`);
    },
    `instance ${name} to start`,
    45_000,
  );
  return instance;
}

async function trpc<T>(
  instance: Instance,
  path: string,
  input?: unknown,
  kind: "query" | "mutation" = "mutation",
): Promise<T> {
  const url = new URL(`/api/trpc/${path}`, instance.url);
  const payload = JSON.stringify(superjson.serialize(input));
  if (kind === "query" && input !== undefined) url.searchParams.set("input", payload);
  const res = await fetch(url, {
    method: kind === "query" ? "GET" : "POST",
    headers: { cookie: adminCookie, "content-type": "application/json" },
    body: kind === "mutation" ? payload : undefined,
  });
  const reply = (await res.json()) as { result?: { data: unknown }; error?: unknown };
  if (!res.ok || !reply.result)
    throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(reply)}`);
  return superjson.deserialize(reply.result.data as Parameters<typeof superjson.deserialize>[0]);
}

async function control<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${simulator?.url ?? ""}/control${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`simulator ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Notifications from now on go to this instance (the PBX knows one Redirect URI). */
const deliverTo = (instance: Instance) =>
  simulator?.registerRedirectUri(`${instance.url}${notifyPath}`);

const jobRuns = (id: string) =>
  instances.flatMap((i) =>
    [...i.output().matchAll(new RegExp(`SCALE_JOB_RAN ${id} (\\w+)`, "g"))].map((m) => m[1]),
  );

const skip = isEmbeddedTestMode(); // one process per embedded database: nothing to scale out

beforeAll(async () => {
  if (skip) return;
  fixture = await setUpTenant();
  simulator = await startSimulator({
    port: 0,
    ...sim,
    seed: 1,
    remoteAnswerDelayMs: null,
    ringTimeoutMs: 60_000,
  });
  // A first; B only once A's recurring jobs ran, so B's own start-up attempt is a second one.
  const a = await startInstance("A", fixture.databaseUrl);
  await waitFor(
    () => getDb().job.count({ where: { queue: TOKEN_REFRESH_QUEUE, status: "DONE" } }),
    "instance A's token refresh",
  );
  await startInstance("B", fixture.databaseUrl);
  const token = await encode({
    token: { uid: fixture.adminId, sv: 0 },
    secret: authSecret,
    salt: cookieName,
  });
  adminCookie = `${cookieName}=${token}`;

  // Connect the company to the PBX through instance A, as an admin would.
  await trpc(a, "integration.saveCredentials", {
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    apiUrl: `${simulator.url}/vats/v1`,
    oauthUrl: simulator.url,
    signNotifications: true,
  });
  const { authorizeUrl } = await trpc<{ authorizeUrl: string }>(a, "integration.connect");
  const returnUrl = await loginAtAuthorizeUrl(authorizeUrl, sim.login, sim.password);
  notifyPath = new URL(returnUrl).pathname;
  const landing = await fetch(returnUrl, { redirect: "manual" });
  expect(landing.headers.get("location")).toContain("connected=1");
  const workplaces = await waitFor(async () => {
    const rows = await getDb().workplace.findMany({
      where: { tenantId: fixture?.tenantId },
      select: { id: true },
      orderBy: { externalId: "asc" },
    });
    return rows.length >= 3 ? rows : null;
  }, "the structure sync");
  // A manager at every workplace: routing sends calls only to staffed ones. Before any routing
  // decision, so both instances' snapshots load them.
  for (const [i, workplace] of workplaces.entries()) {
    await getDb().user.create({
      data: {
        tenantId: fixture.tenantId,
        email: `manager-${i}@scale.test`,
        name: `Manager ${i}`,
        role: "MANAGER",
        status: "ACTIVE",
        presence: "AVAILABLE",
        workplaceId: workplace.id,
      },
    });
  }
}, 150_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await Promise.all(
    instances.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
          child.once("exit", () => {
            clearTimeout(kill);
            resolve();
          });
          child.kill("SIGTERM");
        }),
    ),
  );
  await simulator?.close();
  await fixture?.teardown();
});

describe.skipIf(skip)("two instances on one PostgreSQL and Redis", () => {
  it("a notification stored by instance A reaches a browser connected to instance B", async () => {
    const [a, b] = instances as [Instance, Instance];
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(b.url, {
      path: "/socket.io/",
      transports: ["websocket"],
      extraHeaders: { cookie: adminCookie },
      reconnection: false,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("realtime:ready", () => resolve());
      socket.once("connect_error", reject);
    });
    const seen = new Map<string, number>();
    // An admin's board: supervisors get the tenant's calls in batches.
    socket.on("calls:updated", (calls) => {
      // A call's first push names it in full; later ones may be patches naming the row only.
      for (const call of calls) if (call.externalId) seen.set(call.externalId, Date.now());
    });

    deliverTo(a);
    const { callId } = await control<{ callId: string }>("/calls", {
      from: "+79001234500",
      to: SALES,
    });
    const storedAt = await waitFor(async () => {
      const call = await getDb().call.findFirst({
        where: { tenantId: fixture?.tenantId, externalId: callId },
        select: { createdAt: true },
      });
      return call?.createdAt;
    }, "instance A to store the call");
    const arrivedAt = await waitFor(() => seen.get(callId), "the push on instance B", 5_000);
    expect(arrivedAt - storedAt.getTime()).toBeLessThan(2_000);
    await control(`/calls/${callId}/hangup`, {});
  });

  it("events of one call stored by both instances fold into the call's final state", async () => {
    const [a, b] = instances as [Instance, Instance];
    const post = (instance: Instance, raw: string) =>
      fetch(`${instance.url}${notifyPath}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-mtt-signature": `sha256=${createHmac("sha256", sim.clientSecret).update(raw).digest("hex")}`,
        },
        body: raw,
      }).then((res) => res.status);
    const t0 = Date.now() - 120_000;
    const event = (type: string, sec: number, data: Record<string, unknown>) =>
      JSON.stringify({
        id: randomUUID(),
        type,
        occurredAt: new Date(t0 + sec * 1000).toISOString(),
        data,
      });
    const calls = Array.from({ length: 20 }, (_, i) => `split-${i}`);
    // Each call's four events alternate between the instances and all go at once: both fold
    // the same call, and the version check makes the loser read the winner's events and fold again.
    const statuses = await Promise.all(
      calls.flatMap((callId, i) =>
        [
          event("callStarted", 0, {
            callId,
            direction: "incoming",
            from: `+7900555${String(i).padStart(4, "0")}`,
            to: SALES,
            parked: false,
          }),
          event("callDelivered", 1, { callId, workplaceId: "wp-1" }),
          event("callAnswered", 3, { callId, workplaceId: "wp-1", party: "workplace" }),
          event("callEnded", 33, {
            callId,
            result: "answered",
            durationSec: 33,
            talkSec: 30,
            hasRecording: false,
          }),
        ].map((raw, n) => post((i + n) % 2 === 0 ? a : b, raw)),
      ),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    const rows = await waitFor(async () => {
      const found = await getDb().call.findMany({
        where: { tenantId: fixture?.tenantId, externalId: { in: calls } },
        select: {
          externalId: true,
          state: true,
          result: true,
          talkSec: true,
          fromNumber: true,
          ringingAt: true,
        },
      });
      return found.length === calls.length && found.every((c) => c.state === "ENDED")
        ? found
        : null;
    }, "every split call to be folded to its end");
    for (const row of rows) {
      expect(row).toMatchObject({ result: "ANSWERED", talkSec: 30 });
      expect(row.fromNumber).toMatch(/^\+7900555/);
      expect(row.ringingAt).not.toBeNull();
    }
    const unprocessed = await getDb().callEvent.count({
      where: { tenantId: fixture?.tenantId, callExternalId: { in: calls }, processedAt: null },
    });
    expect(unprocessed).toBe(0);
  });

  it("a routing rule changed through instance A decides instance B's next parked call", async () => {
    const [a, b] = instances as [Instance, Instance];
    const workplaces = await getDb().workplace.findMany({
      where: { tenantId: fixture?.tenantId },
      select: { id: true, externalId: true },
      orderBy: { externalId: "asc" },
    });
    // Not the first: the number's standard route rings it, and it may still be busy.
    const [, first, second] = workplaces;
    if (!first || !second) throw new Error("the simulator's structure has three workplaces");
    type RuleView = { id: string; name: string; conditions: unknown };
    const { rules } = await trpc<{ rules: RuleView[] }>(a, "routing.list", undefined, "query");
    const rule = rules[0];
    if (!rule) throw new Error("the company has no default rule");
    const sendTo = (workplaceId: string) =>
      trpc(a, "routing.update", {
        ruleId: rule.id,
        name: rule.name,
        isEnabled: true,
        conditions: { dialed: [], caller: { kind: "any" }, schedule: null },
        action: { kind: "workplace", workplaceId },
        fallbacks: [{ kind: "release" }],
      });
    const parkAt = async (from: string) => {
      const { callId } = await control<{ callId: string }>("/calls", { from, to: SALES });
      return waitFor(async () => {
        const record = await control<CallRecord>(`/calls/${callId}`);
        return record.decision ? record : null;
      }, "the routing decision");
    };

    deliverTo(b);
    await sendTo(first.id);
    // B decides (and caches its snapshot) with the first version of the rule.
    const before = await parkAt("+79001234501");
    expect(before.decision).toEqual({
      method: "transferCall",
      target: { workplaceId: first.externalId },
    });

    await sendTo(second.id);
    const changedAt = Date.now();
    const after = await parkAt("+79001234502");
    expect(after.decision).toEqual({
      method: "transferCall",
      target: { workplaceId: second.externalId },
    });
    expect(Date.parse(after.decisionAt ?? "") - changedAt).toBeLessThan(1_000);
  });

  it("runs each queued job once while both instances poll the queue", async () => {
    const jobs = await Promise.all(
      Array.from({ length: 30 }, (_, i) => enqueueJob({ queue: QUICK_QUEUE, payload: { i } })),
    );
    await waitFor(
      async () =>
        (await getDb().job.count({ where: { queue: QUICK_QUEUE, status: "DONE" } })) === 30,
      "30 jobs to finish",
    );
    const runs = jobs.map((job) => jobRuns(job.id));
    expect(runs.filter((r) => r.length !== 1)).toEqual([]);
    // Both instances took part: the single run per job is the queue's doing, not luck.
    expect(new Set(runs.flat())).toEqual(new Set(["A", "B"]));
  });

  it("keeps a job that outlives its lease on one instance (the lease is renewed)", async () => {
    const jobs = await Promise.all(
      [1, 2, 3].map((i) => enqueueJob({ queue: SLOW_QUEUE, payload: { i } })),
    );
    await waitFor(
      async () => (await getDb().job.count({ where: { queue: SLOW_QUEUE, status: "DONE" } })) === 3,
      "the slow jobs to finish",
    );
    // Past another lease period: a second run would have started by now.
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS * 2));
    expect(jobs.map((job) => jobRuns(job.id).length)).toEqual([1, 1, 1]);
    const attempts = await getDb().job.findMany({
      where: { queue: SLOW_QUEUE },
      select: { attempts: true },
    });
    expect(attempts.map((j) => j.attempts)).toEqual([1, 1, 1]);
  });

  it("runs a recurring job once per interval, not once per instance", async () => {
    // Both instances tried to enqueue the token refresh (and retention) at start-up.
    for (const queue of [TOKEN_REFRESH_QUEUE, RECORDING_RETENTION_QUEUE]) {
      const count = await getDb().job.count({ where: { queue } });
      expect({ queue, count }).toEqual({ queue, count: 1 });
    }
  });
});
