import type { LiveCall, PushedCall, PushedCallPatch } from "@/server/calls/live-call";
import type { ManagerStatus, ManagerStatusPatch } from "@/server/calls/managers";

// The one place that types Socket.IO traffic. Messages are hints: clients refetch by tRPC
// after (re)connecting and merge these deltas by id.
export type RealtimeReady = { userId: string; tenantId: string; serverTime: string };

export type { LiveCall, ManagerStatus, ManagerStatusPatch, PushedCall, PushedCallPatch };

export type ServerToClientEvents = {
  "realtime:ready": (payload: RealtimeReady) => void;
  "session:revoked": () => void;
  /** A call changed: sent at once to its manager (and the manager it left). */
  "call:updated": (call: PushedCall) => void;
  /**
   * Supervisors' and admins' boards: every call of the tenant that changed during a short window,
   * each in its latest state (see server/calls/publish.ts): in full, or as a patch of the fields
   * that changed since an earlier push (PushedCallPatch).
   */
  "calls:updated": (calls: Array<PushedCall | PushedCallPatch>) => void;
  /** A call started ringing at this user's workplace: pop the client card. */
  "call:ringing": (payload: { call: PushedCall }) => void;
  /**
   * Managers whose status or today's counters changed, batched per tenant over a short window:
   * the whole tenant receives the panel, so one frame per window instead of one per manager.
   * Each carries its id and only the fields that changed (all of them for a manager new to the
   * panel): merge into the fetched list; refetch on a partial one for an unknown manager.
   */
  "managers:updated": (managers: ManagerStatusPatch[]) => void;
  "task:updated": (task: TaskUpdated) => void;
};

/** A callback task was created, changed or closed; clients refetch their task list and count. */
export type TaskUpdated = {
  id: string;
  assigneeId: string | null;
  status: "OPEN" | "DONE" | "CANCELLED";
};

export type ClientToServerEvents = {
  "realtime:ping": (ack: (serverTime: string) => void) => void;
};

export const SOCKET_PATH = "/socket.io/";
