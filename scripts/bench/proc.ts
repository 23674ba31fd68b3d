// What a bench reads about a process it started, from /proc (Linux).
import { readFile } from "node:fs/promises";

/** CPU seconds (user + system) the process has used so far, from /proc; null when gone. */
export async function readCpuSeconds(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): utime and stime are 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks / CLOCK_TICKS_PER_SEC : null;
  } catch {
    return null;
  }
}

// USER_HZ: 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)).
const CLOCK_TICKS_PER_SEC = 100;

export async function readRssMb(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}
