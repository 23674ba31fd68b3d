"use client";

import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { io, type Socket } from "socket.io-client";
import {
  SOCKET_PATH,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "@/lib/realtime/events";

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionStatus = "connecting" | "connected" | "reconnecting" | "offline";

type RealtimeValue = { socket: RealtimeSocket | null; status: ConnectionStatus };

const RealtimeContext = createContext<RealtimeValue>({ socket: null, status: "connecting" });

// One socket per tab, opened by the console layout. Rooms are joined by the server from the
// session cookie; the client only listens.
export function SocketProvider({ children }: { children: ReactNode }) {
  const [value, setValue] = useState<RealtimeValue>({ socket: null, status: "connecting" });

  useEffect(() => {
    const socket: RealtimeSocket = io({ path: SOCKET_PATH, transports: ["websocket", "polling"] });
    const setStatus = (status: ConnectionStatus) => setValue({ socket, status });
    setStatus(socket.connected ? "connected" : "connecting");
    const onConnect = () => setStatus("connected");
    // A full page load, not router.push: nothing of the revoked session may stay in memory.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    const onRevoked = () => window.location.assign("/signin");
    const onDisconnect = (reason: string) => {
      // "io client disconnect" means we closed it ourselves (unmount); nothing to show.
      if (reason === "io client disconnect") return;
      setStatus("reconnecting");
      // The server closes a user's sockets when their role or session changes and does not
      // expect them back by itself: a new handshake joins the rooms the user has now, or is
      // refused if the session has ended.
      if (reason === "io server disconnect") socket.connect();
    };
    const onConnectError = (error: Error) => {
      if (error.message === "unauthorized") return onRevoked();
      setStatus(navigator.onLine ? "reconnecting" : "offline");
    };
    const onOffline = () => setStatus("offline");
    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    socket.on("connect_error", onConnectError);
    socket.on("session:revoked", onRevoked);
    window.addEventListener("offline", onOffline);
    return () => {
      window.removeEventListener("offline", onOffline);
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, []);

  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

export function useConnectionStatus(): ConnectionStatus {
  return useContext(RealtimeContext).status;
}

export function useRealtimeSocket(): RealtimeSocket | null {
  return useContext(RealtimeContext).socket;
}

type EventName = keyof ServerToClientEvents;

// Subscribes for the component's lifetime; the latest handler is always called, so callers
// may pass inline functions without re-subscribing on every render.
export function useRealtimeEvent<E extends EventName>(
  event: E,
  handler: ServerToClientEvents[E],
): void {
  const socket = useRealtimeSocket();
  const handlerRef = useRef(handler);
  useEffect(() => {
    handlerRef.current = handler;
  });
  useEffect(() => {
    if (!socket) return;
    const listener = ((...args: Parameters<ServerToClientEvents[E]>) => {
      const current = handlerRef.current as (...a: Parameters<ServerToClientEvents[E]>) => void;
      current(...args);
    }) as ServerToClientEvents[E];
    // socket.io's typed `on` can't narrow a generic event name.
    const typed = socket as unknown as {
      on(e: E, l: ServerToClientEvents[E]): void;
      off(e: E, l: ServerToClientEvents[E]): void;
    };
    typed.on(event, listener);
    return () => typed.off(event, listener);
  }, [socket, event]);
}

// Calls `onResync` after every (re)connection, including the first: deltas sent before the
// socket joined its rooms (or while it was away) were never received.
export function useOnReconnect(onResync: () => void): void {
  const socket = useRealtimeSocket();
  const ref = useRef(onResync);
  useEffect(() => {
    ref.current = onResync;
  });
  useEffect(() => {
    if (!socket) return;
    // realtime:ready comes after the server has put this socket in its rooms.
    const onReady = () => ref.current();
    socket.on("realtime:ready", onReady);
    return () => {
      socket.off("realtime:ready", onReady);
    };
  }, [socket]);
}
