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
