import { randomUUID } from "node:crypto";
import { getPool, type Prisma } from "@/server/db";
import { queryOne } from "@/server/db/sql";
import { log } from "@/server/logger";
import { onJobEnqueued } from "@/server/jobs/queue";

export type ClaimedJob = {
  id: string;
  tenantId: string | null;
  queue: string;
  payload: Prisma.JsonValue;
  attempts: number;
  maxAttempts: number;
};

export type JobContext = { setProgress(step: string): Promise<void> };
export type JobHandler = (job: ClaimedJob, ctx: JobContext) => Promise<void>;

const LEASE_MS = 5 * 60 * 1000;

/**
 * A failure the handler knows the earliest retry time of (a service's Retry-After): the next
 * attempt waits at least `delayMs`, or the usual backoff if that is longer.
 */
export class RetryJobLaterError extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
    this.name = "RetryJobLaterError";
  }
}

export function retryDelayMs(attempts: number): number {
  // 5 s, 20 s, 80 s, … capped at 30 min.
  return Math.min(5000 * 4 ** Math.max(0, attempts - 1), 30 * 60 * 1000);
}

type ClaimRow = {
  id: string;
  tenant_id: string | null;
  queue: string;
  payload: Prisma.JsonValue;
  attempts: number;
  max_attempts: number;
};

// SKIP LOCKED makes each job go to exactly one worker across instances; an expired lease
// (a worker that died mid-job) makes the job claimable again.
// Plain SQL (server/db/sql.ts): recording downloads run many jobs a second beside the live path,
// and Prisma's per-query cost was a visible share of the server's CPU under load.
async function claimJob(
  workerId: string,
  queues: string[],
  leaseMs: number,
): Promise<ClaimedJob | null> {
  const row = await queryOne<ClaimRow>(
    getPool(),
    `UPDATE jobs SET status = 'RUNNING', locked_by = $1,
      locked_until = now() + make_interval(secs => $3::float8 / 1000),
      attempts = attempts + 1, progress = NULL, updated_at = now()
    WHERE id = (
      SELECT id FROM jobs
      WHERE queue = ANY($2::text[])
        AND ((status = 'QUEUED' AND run_at <= now()) OR (status = 'RUNNING' AND locked_until < now()))
      ORDER BY run_at
      FOR UPDATE SKIP LOCKED
      LIMIT 1
    )
    RETURNING id, tenant_id, queue, payload, attempts, max_attempts`,
    [workerId, queues, leaseMs],
  );
  if (!row) return null;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    queue: row.queue,
    payload: row.payload,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
  };
}

// A running job keeps its lease: a long download must not be claimed by a second instance.
async function renewLease(job: ClaimedJob, workerId: string, leaseMs: number): Promise<void> {
  await getPool().query(
    `UPDATE jobs SET locked_until = now() + make_interval(secs => $3::float8 / 1000)
     WHERE id = $1::uuid AND locked_by = $2 AND status = 'RUNNING'`,
    [job.id, workerId, leaseMs],
  );
}

// Only the lease holder records the result: after a lost lease another worker owns the job.
async function finishJob(job: ClaimedJob, workerId: string, error: unknown): Promise<void> {
  const owned = `WHERE id = $1::uuid AND locked_by = $2 AND status = 'RUNNING'`;
  if (error === undefined) {
    await getPool().query(
      `UPDATE jobs SET status = 'DONE', finished_at = now(), unique_key = NULL, locked_by = NULL,
         locked_until = NULL, last_error = NULL, updated_at = now() ${owned}`,
      [job.id, workerId],
    );
    return;
  }
  const message = error instanceof Error ? error.message : JSON.stringify(error);
  const isFinal = job.attempts >= job.maxAttempts;
  await getPool().query(
    isFinal
      ? `UPDATE jobs SET status = 'FAILED', finished_at = now(), unique_key = NULL, locked_by = NULL,
           locked_until = NULL, last_error = $3, updated_at = now() ${owned}`
      : `UPDATE jobs SET status = 'QUEUED', run_at = now() + make_interval(secs => $4::float8 / 1000),
           locked_by = NULL, locked_until = NULL, last_error = $3, updated_at = now() ${owned}`,
    isFinal
      ? [job.id, workerId, message]
      : [
          job.id,
          workerId,
          message,
          Math.max(
            retryDelayMs(job.attempts),
            error instanceof RetryJobLaterError ? error.delayMs : 0,
          ),
        ],
  );
  log.warn(`job ${job.queue} failed${isFinal ? " for good" : ", will retry"}`, {
    jobId: job.id,
    attempt: job.attempts,
    error: message,
  });
}

export type JobWorker = { stop(): Promise<void>; drain(): Promise<void> };

export function startJobWorker(opts: {
  handlers: Record<string, JobHandler>;
  pollMs?: number;
  concurrency?: number;
  /** How long a claim holds without renewal (renewed every third of it while the job runs). */
  leaseMs?: number;
}): JobWorker {
  const workerId = `worker-${randomUUID()}`;
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const queues = Object.keys(opts.handlers);
  const concurrency = opts.concurrency ?? 2;
  let running = 0;
  let isStopped = false;
  const active = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;

  const runOne = async (job: ClaimedJob) => {
    const handler = opts.handlers[job.queue];
    let failure: unknown;
    const renewal = setInterval(() => {
      renewLease(job, workerId, leaseMs).catch((error: unknown) =>
        log.warn("could not renew a job lease", { jobId: job.id, error }),
      );
    }, leaseMs / 3);
    try {
      if (!handler) throw new Error(`No handler for queue ${job.queue}`);
      await handler(job, {
        setProgress: async (step) => {
          await getPool().query(
            `UPDATE jobs SET progress = $2, updated_at = now() WHERE id = $1::uuid`,
            [job.id, step],
          );
        },
      });
    } catch (error) {
      failure = error ?? new Error("job failed");
    }
    clearInterval(renewal);
    await finishJob(job, workerId, failure).catch((error: unknown) =>
      log.error("could not record job result", { jobId: job.id, error }),
    );
  };

  const tick = async () => {
    while (!isStopped && running < concurrency) {
      const job = await claimJob(workerId, queues, leaseMs).catch((error: unknown) => {
        log.warn("job queue unavailable", { error });
        return null;
      });
      if (!job) return;
      running++;
      const task = runOne(job).finally(() => {
        running--;
        active.delete(task);
        schedule(0);
      });
      active.add(task);
    }
  };

  const schedule = (delay: number) => {
    if (isStopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      void tick().finally(() => schedule(opts.pollMs ?? 1000));
    }, delay);
  };

  const unsubscribe = onJobEnqueued(() => schedule(0));
  schedule(0);

  return {
    async stop() {
      isStopped = true;
      clearTimeout(timer);
      unsubscribe();
      await Promise.allSettled(active);
    },
    async drain() {
      await tick();
      await Promise.allSettled(active);
    },
  };
}
