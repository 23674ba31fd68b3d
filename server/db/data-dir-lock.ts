// Exclusive lock on the data folder: two processes opening the same embedded database are not
// stopped by PGlite and silently lose writes, so we refuse to start instead.
import { randomUUID } from "node:crypto";
import { link, mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { readFileSync, unlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";

const LOCK_FILE = "pult.lock";

export type DataDirLock = { path: string; release(): Promise<void> };

const lockOwnerSchema = z.object({
  pid: z.number().int(),
  hostname: z.string(),
  startedAt: z.string(),
  token: z.string(),
});
type LockOwner = z.infer<typeof lockOwnerSchema>;

export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    const isOtherHost = owner.hostname !== os.hostname();
    const where = isOtherHost ? ` on host ${owner.hostname}` : "";
    // On another host we cannot check the pid, so the user decides whether it is stale.
    const orDelete = isOtherHost
      ? ` If it is no longer running, delete ${path.join(dataDir, LOCK_FILE)}.`
      : "";
    super(
      `Another Pult server (pid ${owner.pid}${where}, started ${owner.startedAt}) is using ` +
        `the data folder ${dataDir}. Stop it first or set DATA_DIR to another folder.${orDelete}`,
    );
  }
}

// Locks held by this process; a recycled pid (pid 1 in a restarted container) is not "us".
const heldLocks = new Set<string>();

function parseOwner(text: string): LockOwner | null {
  try {
    const parsed = lockOwnerSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
}

function errorCode(error: unknown): unknown {
  return error instanceof Error && "code" in error ? error.code : undefined;
}

function isOwnerAlive(lockPath: string, owner: LockOwner): boolean {
  if (owner.hostname !== os.hostname()) return true; // cannot tell: be safe
  if (owner.pid === process.pid) return heldLocks.has(lockPath);
  return isPidAlive(owner.pid);
}

// Moves a stale lock aside atomically; if we raced and moved a fresh lock, put it back.
async function removeStaleLock(lockPath: string, stale: string): Promise<void> {
  const aside = `${lockPath}.stale-${randomUUID()}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return;
    throw error;
  }
  const moved = await readFile(aside, "utf8");
  if (moved !== stale) await link(aside, lockPath).catch(() => undefined);
  await unlink(aside);
}

export async function acquireDataDirLock(
  dataDir: string,
  opts: { log?: (message: string) => void } = {},
): Promise<DataDirLock> {
  const log = opts.log ?? (() => undefined);
  const dir = path.resolve(dataDir);
  await mkdir(dir, { recursive: true });
  const lockPath = path.join(dir, LOCK_FILE);
  const owner: LockOwner = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    token: randomUUID(),
  };
  const content = JSON.stringify(owner);

  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(lockPath, content, { flag: "wx" });
      break;
    } catch (error) {
      if (errorCode(error) !== "EEXIST" || attempt >= 5) throw error;
    }
    const existing = await readFile(lockPath, "utf8").catch(() => null);
    if (existing === null) continue; // released meanwhile
    const current = parseOwner(existing);
    if (current === null && attempt < 2) {
      // Possibly being written right now by another starter: look again shortly.
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    if (current !== null && isOwnerAlive(lockPath, current)) {
      throw new DataDirLockedError(dir, current);
    }
    const who = current ? `pid ${current.pid}, started ${current.startedAt}` : "unreadable";
    log(`Taking over a stale lock on ${dir} (${who}): that server is no longer running.`);
    await removeStaleLock(lockPath, existing);
  }

  heldLocks.add(lockPath);
  const releaseSync = () => {
    heldLocks.delete(lockPath);
    try {
      if (readFileSync(lockPath, "utf8") === content) unlinkSync(lockPath);
    } catch {
      // already gone
    }
  };
  process.on("exit", releaseSync);
  let isReleased = false;
  return {
    path: lockPath,
    async release() {
      if (isReleased) return;
      isReleased = true;
      process.off("exit", releaseSync);
      heldLocks.delete(lockPath);
      const current = await readFile(lockPath, "utf8").catch(() => null);
      if (current === content) await unlink(lockPath).catch(() => undefined);
    },
  };
}
