// What a bench reads about processes from /proc (Linux): its own children's CPU time and memory,
// and the CPU time PostgreSQL spends on a run.
import { readdir, readFile } from "node:fs/promises";

// USER_HZ: 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)).
const CLOCK_TICKS_PER_SEC = 100;

export type ProcStat = {
  /** The executable's name (comm), e.g. "postgres". */
  name: string;
  /** User + system CPU seconds so far. */
  cpuSeconds: number;
  /** Start time in clock ticks since boot: with the pid, tells a reused pid apart. */
  startTicks: number;
};

/** One /proc/<pid>/stat line; null when it does not have the expected shape. */
export function parseProcStat(stat: string): ProcStat | null {
  // The name sits in parentheses and may hold spaces or parentheses itself: cut at the last ")".
  const open = stat.indexOf("(");
  const close = stat.lastIndexOf(")");
  if (open < 0 || close < open) return null;
  // Fields from the 3rd (state) on: utime and stime are the 14th and 15th, starttime the 22nd.
  const fields = stat.slice(close + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const startTicks = Number(fields[19]);
  if (![utime, stime, startTicks].every(Number.isFinite)) return null;
  return {
    name: stat.slice(open + 1, close),
    cpuSeconds: (utime + stime) / CLOCK_TICKS_PER_SEC,
    startTicks,
  };
}

async function readProcStat(pid: number | string): Promise<ProcStat | null> {
  try {
    return parseProcStat(await readFile(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) the process has used so far, from /proc; null when gone. */
export async function readCpuSeconds(pid: number): Promise<number | null> {
  return (await readProcStat(pid))?.cpuSeconds ?? null;
}

export async function readRssMb(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

// A client backend's title: "postgres: [cluster: ]user database host(port)|[local] activity".
const BACKEND_TITLE = /^postgres: (?:\S+: )?\S+ (\S+) (?:\[local\]|\S+\(\d+\))(?: |$)/;

/**
 * Whether a PostgreSQL process is a client backend of another database than `database`. The
 * server is shared with other work (tests, other benches): their backends are not the run's cost.
 * The postmaster and background processes (WAL writer, checkpointer, autovacuum) count.
 */
export function isOtherDatabaseBackend(title: string, database: string): boolean {
  const db = BACKEND_TITLE.exec(title.trim())?.[1];
  return db !== undefined && db !== database;
}

/** CPU seconds between two samples of keyed counters; a key new in `last` counts from 0. */
export function cpuBetween(first: Map<string, number>, last: Map<string, number>): number {
  let total = 0;
  for (const [key, seconds] of last) total += Math.max(0, seconds - (first.get(key) ?? 0));
  return total;
}

export type CpuMeter = {
  /** Reads the counters again; call it now and then so a process that exits still counts. */
  sample(): Promise<void>;
  /** CPU seconds since the meter started; null where no such process was found. */
  usedSeconds(): number | null;
};

/**
 * CPU time of the local PostgreSQL server's processes (every process named `postgres`, minus the
 * client backends of other databases) from now on. Keyed by pid and start time, so a backend
 * that exits keeps what it used until the last sample and a reused pid is a new process.
 */
export async function startPostgresCpuMeter(database: string): Promise<CpuMeter> {
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  const excluded = new Set<string>();
  const read = async (into: Map<string, number>) => {
    const pids = (await readdir("/proc").catch(() => [])).filter((p) => /^\d+$/.test(p));
    await Promise.all(
      pids.map(async (pid) => {
        const stat = await readProcStat(pid);
        if (stat?.name !== "postgres") return;
        const key = `${pid}:${stat.startTicks}`;
        if (excluded.has(key)) return;
        const title = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
        // A backend's title names its database only once it is set up: checked on every sample.
        if (isOtherDatabaseBackend(title.replaceAll("\0", " "), database)) {
          excluded.add(key);
          first.delete(key);
          last.delete(key);
          return;
        }
        into.set(key, stat.cpuSeconds);
      }),
    );
  };
  await read(first);
  return {
    sample: () => read(last),
    usedSeconds: () => (first.size === 0 && last.size === 0 ? null : cpuBetween(first, last)),
  };
}
