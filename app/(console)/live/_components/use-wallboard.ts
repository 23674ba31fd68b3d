"use client";

import { useEffect, useState } from "react";

// Wallboard = the board alone, full screen where the browser allows it. Leaving full screen
// (Escape, F11) leaves the wallboard too.
export function useWallboard(): [boolean, () => void] {
  const [isWallboard, setWallboard] = useState(false);

  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement) setWallboard(false);
    };
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, []);

  const toggle = () => {
    if (isWallboard) {
      setWallboard(false);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      return;
    }
    setWallboard(true);
    const root = document.documentElement;
    // Not every browser (or an iframe) allows full screen; the overlay still works.
    if (typeof root.requestFullscreen === "function")
      void root.requestFullscreen().catch(() => undefined);
  };

  return [isWallboard, toggle];
}
