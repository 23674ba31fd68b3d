"use client";

import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";

// Lets something beside the player (the evaluation form) read the playback position, seek, and
// show marks on the waveform. Without a provider the player works exactly as before.

export type PlayerMark = { id: string; atSec: number; label: string; tone?: "draft" | "saved" };

type PlayerLink = {
  position: number;
  marks: PlayerMark[];
  seek: (sec: number) => void;
  register: (seek: (sec: number) => void) => () => void;
  reportPosition: (sec: number) => void;
};

const PlayerLinkContext = createContext<PlayerLink | null>(null);

export function PlayerLinkProvider({
  marks,
  children,
}: {
  marks: PlayerMark[];
  children: ReactNode;
}) {
  const seekRef = useRef<((sec: number) => void) | null>(null);
  const [position, setPosition] = useState(0);
  const register = useCallback((seek: (sec: number) => void) => {
    seekRef.current = seek;
    return () => {
      if (seekRef.current === seek) seekRef.current = null;
    };
  }, []);
  const seek = useCallback((sec: number) => seekRef.current?.(sec), []);
  const value = useMemo(
    () => ({ position, marks, seek, register, reportPosition: setPosition }),
    [position, marks, seek, register],
  );
  return <PlayerLinkContext.Provider value={value}>{children}</PlayerLinkContext.Provider>;
}

export const usePlayerLink = (): PlayerLink | null => useContext(PlayerLinkContext);
