import type { PGlite } from "@electric-sql/pglite";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

// pglite-socket 0.2.17 multiplexes every client connection onto PGlite's single session and
// interleaves them message by message. PostgreSQL's extended protocol (Parse, Bind, Execute,
// Sync) keeps the unnamed statement and portal in the session, so two pooled connections
// interleaving there get each other's results (seen: a query answered with another query's
// rows). It also stops processing for good after a failed message. This replaces the queue's
// scheduler: a connection keeps the session from its first message until Sync or a simple
// Query completes (and, as before, until its transaction ends).

type QueueItem = {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
  onData: (data: Uint8Array) => void;
};

type QueueInternals = {
  queue: QueueItem[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue: () => Promise<void>;
  clearQueueForHandler: (handlerId: number) => void;
};

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

function isQueueInternals(value: unknown): value is QueueInternals {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    Array.isArray(v.queue) &&
    typeof v.processQueue === "function" &&
    typeof v.clearQueueForHandler === "function" &&
    typeof v.db === "object"
  );
}

/** Whether a message ends a unit of work; startup/SSL messages start with a zero length byte. */
export function endsUnitOfWork(message: Uint8Array): boolean {
  const type = message[0];
  return type === undefined || type === 0 || type === SYNC || type === QUERY || type === TERMINATE;
}

export function fixPgliteSocketQueue(server: PGLiteSocketServer): void {
  const candidate: unknown = (server as unknown as { queryQueue?: unknown }).queryQueue;
  if (!isQueueInternals(candidate)) {
    throw new Error(
      "Unsupported @electric-sql/pglite-socket version: its query queue changed; update server/db/pglite-queue-fix.ts",
    );
  }
  const q = candidate;
  let isMidUnit = false;

  const pickNext = (): QueueItem | undefined => {
    const isSticky = q.lastHandlerId !== null && (isMidUnit || q.db.isInTransaction());
    if (!isSticky) return q.queue.shift();
    const index = q.queue.findIndex((item) => item.handlerId === q.lastHandlerId);
    return index === -1 ? undefined : q.queue.splice(index, 1)[0];
  };

  q.processQueue = async () => {
    if (q.processing) return;
    q.processing = true;
    try {
      for (let item = pickNext(); item; item = pickNext()) {
        const current = item;
        let bytes = 0;
        try {
          await q.db.runExclusive(() =>
            q.db.execProtocolRawStream(current.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                current.onData(data);
              },
            }),
          );
        } catch (error) {
          q.lastHandlerId = current.handlerId;
          isMidUnit = false;
          current.reject(error);
          continue;
        }
        q.lastHandlerId = current.handlerId;
        isMidUnit = !endsUnitOfWork(current.message);
        current.resolve(bytes);
      }
    } finally {
      q.processing = false;
    }
  };

  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (handlerId: number) => {
    clear(handlerId);
    // A connection that vanished mid-unit must not keep the session reserved.
    if (q.lastHandlerId === handlerId) isMidUnit = false;
    void q.processQueue();
  };
}
