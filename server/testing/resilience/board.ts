// A supervisor's live board as the browser keeps it: resync from calls.live after every
// (re)connection, then merge call:updated / calls:updated deltas by id. After a fault it must agree with the
// server's truth again.
import { io as connectSocket, type Socket } from "socket.io-client";
import { type BenchContext } from "@/scripts/bench/common";
import { trpc } from "@/scripts/bench/session";
import {
  SOCKET_PATH,
  type ClientToServerEvents,
  type LiveCall,
  type PushedCallPatch,
  type ServerToClientEvents,
} from "@/lib/realtime/events";

type BoardCall = Pick<LiveCall, "externalId" | "state" | "result">;
type LiveState = { calls: Array<BoardCall & Pick<LiveCall, "id">> };

export type BoardWatcher = {
  /** How many times the server said the socket is in its rooms (1 + reconnections). */
  readonly readyCount: number;
  readonly disconnects: number;
  /** call:updated received since the last (re)connection. */
  readonly updatesSinceReady: number;
  /** Calls the board shows as not ended. */
  activeOnBoard(): BoardCall[];
  /** The board's view of every call it knows, by PBX id. */
  snapshot(): Map<string, BoardCall>;
  waitForReady(count: number, timeoutMs: number): Promise<void>;
  close(): void;
};

export async function watchBoard(
  baseUrl: string,
  cookie: string,
  ctx: BenchContext,
): Promise<BoardWatcher> {
  const board = new Map<string, BoardCall>();
  let readyCount = 0;
  let disconnects = 0;
  let updatesSinceReady = 0;
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectSocket(baseUrl, {
    path: SOCKET_PATH,
    transports: ["websocket"],
    extraHeaders: { cookie },
    reconnection: true,
    reconnectionDelay: 250,
    reconnectionDelayMax: 1000,
  });
  const unregister = ctx.onCleanup(() => void socket.disconnect());
  // Patches name the call by its row id only: learnt from full pushes and the resync.
  const externalIdOf = new Map<string, string>();
  const merge = (call: LiveCall | PushedCallPatch) => {
    updatesSinceReady++;
    if (call.externalId) externalIdOf.set(call.id, call.externalId);
    const externalId = call.externalId ?? externalIdOf.get(call.id);
    const known = externalId ? board.get(externalId) : undefined;
    if (!externalId) return;
    if (!known && "baseVersion" in call) {
      // A patch for a call this board lacks: as the browser does, fetch the board again (the
      // change may have come before the last resync's answer, which is older than it).
      void refetch();
      return;
    }
    board.set(externalId, {
      externalId,
      state: call.state ?? known?.state ?? "RINGING",
      result: call.result === undefined ? (known?.result ?? null) : call.result,
    });
  };
  // A manager's own calls come one by one, the whole tenant's (admins, supervisors) in batches.
  socket.on("call:updated", merge);
  socket.on("calls:updated", (calls) => calls.forEach(merge));
  socket.on("disconnect", () => disconnects++);
  socket.on("realtime:ready", () => {
    updatesSinceReady = 0;
    // The resync: whatever happened while away is in the database, not in missed deltas.
    void resync()
      .then(() => readyCount++)
      .catch((error: unknown) => ctx.phase(`board resync failed: ${String(error)}`));
  });
  // One refetch at a time; one more after it when another was asked for meanwhile.
  let refetching: Promise<void> | null = null;
  let again = false;
  const refetch = async (): Promise<void> => {
    if (refetching) {
      again = true;
      return;
    }
    refetching = resync().catch((error: unknown) =>
      ctx.phase(`board refetch failed: ${String(error)}`),
    );
    await refetching;
    refetching = null;
    if (again) {
      again = false;
      await refetch();
    }
  };
  const resync = async () => {
    const live = await trpc<LiveState>(baseUrl, cookie, "calls.live", undefined, "query");
    // An ended call stays ended: a resync answer older than a delta must not revive it.
    for (const call of live.calls) {
      externalIdOf.set(call.id, call.externalId);
      if (board.get(call.externalId)?.state !== "ENDED") board.set(call.externalId, call);
    }
    for (const [id, call] of board) {
      if (call.state !== "ENDED" && !live.calls.some((c) => c.externalId === id))
        board.set(id, { ...call, state: "ENDED" });
    }
  };
  const watcher: BoardWatcher = {
    get readyCount() {
      return readyCount;
    },
    get disconnects() {
      return disconnects;
    },
    get updatesSinceReady() {
      return updatesSinceReady;
    },
    activeOnBoard: () => [...board.values()].filter((c) => c.state !== "ENDED"),
    snapshot: () => new Map(board),
    async waitForReady(count, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (readyCount < count) {
        if (Date.now() > deadline)
          throw new Error(`the board did not (re)connect: ready ${readyCount} of ${count}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    close() {
      unregister();
      socket.disconnect();
    },
  };
  await watcher.waitForReady(1, 15_000);
  return watcher;
}
