// The one place that types Socket.IO traffic. Messages are hints: clients refetch by tRPC
// after (re)connecting and merge these deltas by id.
export type RealtimeReady = { userId: string; tenantId: string; serverTime: string };

export type ServerToClientEvents = {
  "realtime:ready": (payload: RealtimeReady) => void;
  "session:revoked": () => void;
};

export type ClientToServerEvents = {
  "realtime:ping": (ack: (serverTime: string) => void) => void;
};

export const SOCKET_PATH = "/socket.io/";
