import type pg from "pg";
import { getDb, getPool, type Prisma } from "../db";
import { queryOne } from "../db/sql";

export type EnqueueOptions = {
  queue: string;
  tenantId?: string | null;
  payload?: Prisma.InputJsonValue;
  // While a job with this key is queued or running, enqueueing again returns that job.
  uniqueKey?: string;
  runAt?: Date;
  maxAttempts?: number;
};

const wakeListeners = new Set<() => void>();

/** The worker in this process polls; this lets a fresh job start without waiting for the tick. */
export function onJobEnqueued(listener: () => void): () => void {
  wakeListeners.add(listener);
  return () => wakeListeners.delete(listener);
}

type Queryable = Pick<pg.PoolClient, "query">;

/**
 * Queues a job; with `sql`, inside that transaction (the job exists only if it commits: call
 * wakeJobWorkers() after the commit). Plain SQL: the fold queues recording downloads in its
 * own transaction, on the live path.
 */
export async function enqueueJob(
  opts: EnqueueOptions,
  sql?: Queryable,
): Promise<{ id: string; isNew: boolean }> {
  const db = sql ?? getPool();
  const inserted = await queryOne<{ id: string }>(
    db,
    `INSERT INTO jobs (id, tenant_id, queue, payload, unique_key, run_at, max_attempts, updated_at)
     VALUES (gen_random_uuid(), $1::uuid, $2, $3::jsonb, $4, $5, $6, now())
     ON CONFLICT (unique_key) DO NOTHING
     RETURNING id`,
    [
      opts.tenantId ?? null,
      opts.queue,
      JSON.stringify(opts.payload ?? {}),
      opts.uniqueKey ?? null,
      opts.runAt ?? new Date(),
      opts.maxAttempts ?? 5,
    ],
  );
  if (inserted) {
    if (!sql) wakeJobWorkers();
    return { id: inserted.id, isNew: true };
  }
  const existing = await queryOne<{ id: string }>(db, `SELECT id FROM jobs WHERE unique_key = $1`, [
    opts.uniqueKey,
  ]);
  // Finished (its key cleared) between the insert and the lookup: queue it again.
  if (!existing) return enqueueJob(opts, sql);
  return { id: existing.id, isNew: false };
}

/** Starts this process's workers polling now instead of at their next tick. */
export function wakeJobWorkers(): void {
  for (const wake of wakeListeners) wake();
}

export async function findActiveJob(uniqueKey: string) {
  return getDb().job.findUnique({
    where: { uniqueKey },
    select: {
      id: true,
      status: true,
      progress: true,
      createdAt: true,
      updatedAt: true,
      attempts: true,
    },
  });
}

/**
 * A recurring job, enqueued unless one of its queue was created in the current interval on any
 * instance. Every instance calls this on its own timer (at its own phase): a per-queue advisory
 * lock makes the check and the insert one step, so the job runs once per interval in total
 * rather than once per instance. A tenth of slack keeps a timer firing a hair early from
 * skipping a whole interval.
 */
export async function enqueueRecurringJob(queue: string, everyMs: number): Promise<boolean> {
  const window = `${Math.round(everyMs * 0.9)} milliseconds`;
  const isNew = await getDb().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`recurring-job:${queue}`}))`;
    const recent = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id::text FROM jobs
      WHERE tenant_id IS NULL AND queue = ${queue}
        AND (created_at > now() - ${window}::interval OR status IN ('QUEUED', 'RUNNING'))
      LIMIT 1`;
    if (recent.length > 0) return false;
    const created = await tx.job.createMany({
      data: [{ queue, uniqueKey: `recurring:${queue}`, maxAttempts: 1, payload: {} }],
      skipDuplicates: true,
    });
    return created.count > 0;
  });
  if (isNew) wakeJobWorkers();
  return isNew;
}
