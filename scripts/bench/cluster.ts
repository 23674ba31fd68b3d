// N server processes behind scripts/lb.ts on one public address (or, with one, that server alone
// on the address, as a single-instance deployment runs). Shared by Pult and the floor server.
import {
  BenchError,
  ensurePortFree,
  freePort,
  sleep,
  startNodeProcess,
  type BenchContext,
  type ChildHandle,
} from "@/scripts/bench/common";
import { readCpuSeconds, readRssMb } from "@/scripts/bench/proc";

export type Instance = ChildHandle & {
  /** 1, 2, …: also the value of the lb's sticky cookie for this instance. */
  label: string;
  /** The instance's own address. */
  url: string;
};

export type Cluster = {
  /** Where the PBX and the browsers go. */
  url: string;
  instances: Instance[];
  /** Resident memory per instance (MiB) now; null where /proc is missing. */
  rss(): Promise<Array<number | null>>;
  /** CPU seconds used so far by all instances together. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
};

export const LB_COOKIE = "pult_lb";

/** Where the PBX and the browsers reach a cluster on `port`. */
export const publicUrlFor = (port: number) => `http://localhost:${port}`;

export async function startCluster(
  opts: {
    count: number;
    port: number;
    what: string;
    /** Starts one instance on `port`, telling it the public address; resolves once it serves. */
    start(label: string, port: number, publicUrl: string): Promise<Instance>;
  },
  ctx: BenchContext,
): Promise<Cluster> {
  const publicUrl = publicUrlFor(opts.port);
  await ensurePortFree(opts.port);
  const make = (instances: Instance[], lb: ChildHandle | null): Cluster => ({
    url: publicUrl,
    instances,
    rss: () => Promise.all(instances.map((i) => readRssMb(i.pid))),
    cpuSeconds: async () =>
      (await Promise.all(instances.map((i) => readCpuSeconds(i.pid)))).reduce<number>(
        (sum, s) => sum + (s ?? 0),
        0,
      ),
    async stop() {
      await lb?.stop();
      await Promise.all(instances.map((i) => i.stop()));
    },
  });
  if (opts.count === 1) {
    ctx.phase(`starting ${opts.what} on port ${opts.port}`);
    return make([await opts.start("1", opts.port, publicUrl)], null);
  }
  const ports = await Promise.all(Array.from({ length: opts.count }, () => freePort()));
  ctx.phase(`starting ${opts.count} × ${opts.what} on ports ${ports.join(", ")}`);
  // The first one alone: it creates what the others expect (the company, the tables).
  const first = await opts.start("1", ports[0] ?? 0, publicUrl);
  const rest = await Promise.all(
    ports.slice(1).map((port, i) => opts.start(String(i + 2), port, publicUrl)),
  );
  const instances = [first, ...rest];
  ctx.phase(`starting the load balancer (scripts/lb.ts) on port ${opts.port}`);
  const lb = startNodeProcess("scripts/lb.ts", {}, ctx, [
    "--port",
    String(opts.port),
    ...instances.flatMap((i) => ["--backend", i.url]),
  ]);
  // The lb logs each instance it finds up; wait until it has them all.
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (lb.child.exitCode !== null)
      throw new BenchError(`the load balancer exited with code ${lb.child.exitCode}:\n${lb.log()}`);
    const ok = await fetch(`${publicUrl}/api/health`).then(
      async (r) => (await r.arrayBuffer(), r.ok),
      () => false,
    );
    const seen = instances.every((i) =>
      lb.log().includes(`instance ${i.label} (${new URL(i.url).host}) is up`),
    );
    if (ok && seen) break;
    if (Date.now() > deadline)
      throw new BenchError(`the load balancer did not see every instance up:\n${lb.log()}`);
    await sleep(250);
  }
  return make(instances, lb);
}

/** The database URL with a per-instance application_name, so rows can be traced to it. */
export function taggedDatabaseUrl(url: string, tag: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("application_name", tag);
  return parsed.toString();
}
