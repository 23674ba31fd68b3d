import { getDb, Prisma } from "../db";

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

export async function enqueueJob(opts: EnqueueOptions): Promise<{ id: string; isNew: boolean }> {
  const db = getDb();
  try {
    const job = await db.job.create({
      data: {
        queue: opts.queue,
        tenantId: opts.tenantId ?? null,
        payload: opts.payload ?? {},
        uniqueKey: opts.uniqueKey ?? null,
        runAt: opts.runAt ?? new Date(),
        maxAttempts: opts.maxAttempts ?? 5,
      },
      select: { id: true },
    });
    for (const wake of wakeListeners) wake();
    return { id: job.id, isNew: true };
  } catch (error) {
    if (
      !(error instanceof Prisma.PrismaClientKnownRequestError) ||
      error.code !== "P2002" ||
      !opts.uniqueKey
    )
      throw error;
    const existing = await db.job.findUnique({
      where: { uniqueKey: opts.uniqueKey },
      select: { id: true },
    });
    if (!existing) return enqueueJob(opts); // finished between the insert and the lookup
    return { id: existing.id, isNew: false };
  }
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
  if (isNew) for (const wake of wakeListeners) wake();
  return isNew;
}
