import { randomUUID } from "node:crypto";
import type pg from "pg";
import { getDb, getPool, type Prisma } from "@/server/db";
import { queryOne, type Statement } from "@/server/db/sql";

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
 * Queues jobs; with `sql`, inside that transaction (they exist only if it commits: call
 * wakeJobWorkers() after the commit). Plain SQL, many jobs per statement: the fold queues a
 * batch's recording downloads in its own transaction, on the live path. A job whose uniqueKey
 * is queued or running already is not queued again; its id is returned with isNew false.
 */
/** The insert of enqueueJobs, for a caller that sends it with other statements. */
export function enqueueJobsStatement(jobs: EnqueueOptions[]): Statement & { ids: string[] } {
  const ids = jobs.map(() => randomUUID());
  return {
    ids,
    text: `INSERT INTO jobs (id, tenant_id, queue, payload, unique_key, run_at, max_attempts, updated_at)
     SELECT id, tenant_id, queue, payload::jsonb, unique_key, run_at, max_attempts, now()
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::int[])
       AS x(id, tenant_id, queue, payload, unique_key, run_at, max_attempts)
     ON CONFLICT (unique_key) DO NOTHING
     RETURNING id`,
    values: [
      ids,
      jobs.map((j) => j.tenantId ?? null),
      jobs.map((j) => j.queue),
      jobs.map((j) => JSON.stringify(j.payload ?? {})),
      jobs.map((j) => j.uniqueKey ?? null),
      jobs.map((j) => j.runAt ?? new Date()),
      jobs.map((j) => j.maxAttempts ?? 5),
    ],
  };
}

export async function enqueueJobs(
  jobs: EnqueueOptions[],
  sql?: Queryable,
): Promise<Array<{ id: string; isNew: boolean }>> {
  if (jobs.length === 0) return [];
  const db = sql ?? getPool();
  const statement = enqueueJobsStatement(jobs);
  const { ids } = statement;
  const inserted = await db.query<{ id: string }>(statement.text, [...(statement.values ?? [])]);
  const isNew = new Set(inserted.rows.map((r) => r.id));
  if (isNew.size > 0 && !sql) wakeJobWorkers();
  const results: Array<{ id: string; isNew: boolean }> = [];
  for (const [i, job] of jobs.entries()) {
    const id = ids[i] ?? "";
    if (isNew.has(id)) {
      results.push({ id, isNew: true });
      continue;
    }
    const existing = await queryOne<{ id: string }>(
      db,
      `SELECT id FROM jobs WHERE unique_key = $1`,
      [job.uniqueKey],
    );
    // Finished (its key cleared) between the insert and the lookup: queue it again.
    results.push(
      existing
        ? { id: existing.id, isNew: false }
        : ((await enqueueJobs([job], sql))[0] ?? { id: "", isNew: false }),
    );
  }
  return results;
}

/** One job; see enqueueJobs. */
export async function enqueueJob(
  opts: EnqueueOptions,
  sql?: Queryable,
): Promise<{ id: string; isNew: boolean }> {
  const [result] = await enqueueJobs([opts], sql);
  if (!result) throw new Error("the job was not queued");
  return result;
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
