"use client";

import { useEffect, useRef, useState } from "react";
import { parseLiveCall } from "@/lib/realtime/live-payloads";
import { useRealtimeEvent } from "@/lib/realtime/socket-provider";
import type { LiveCall } from "@/lib/realtime/events";
import { ScreenPopCard } from "./screen-pop-card";

// Still ours to pick up: ringing, and not moved on to someone else's workplace.
function isStillRingingFor(call: LiveCall, userId: string): boolean {
  const isRinging = call.state === "RINGING" || call.state === "PARKED";
  return isRinging && (call.manager === null || call.manager.id === userId);
}

// Mounted once in the console layout: pops the caller's card when a call rings at the
// signed-in user's workplace, and clears it once the call is answered elsewhere or ends.
export function ScreenPop({ userId }: { userId: string }) {
  const [call, setCall] = useState<LiveCall | null>(null);
  const cardRef = useRef<HTMLDivElement>(null);

  useRealtimeEvent("call:ringing", (payload) => {
    const ringing = parseLiveCall(payload.call);
    if (ringing) setCall(ringing);
  });
  useRealtimeEvent("call:updated", (payload) => {
    const updated = parseLiveCall(payload);
    if (!updated) return;
    setCall((current) =>
      current?.id === updated.id ? (isStillRingingFor(updated, userId) ? updated : null) : current,
    );
  });

  const callId = call?.id;
  useEffect(() => {
    if (!callId) return;
    // Take focus only when nobody is typing somewhere: a pop must not eat keystrokes.
    const active = document.activeElement;
    if (!active || active === document.body) cardRef.current?.focus();
  }, [callId]);

  useEffect(() => {
    if (!callId) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      const active = document.activeElement;
      const isInside = active instanceof Node && cardRef.current?.contains(active);
      if (isInside || !active || active === document.body) setCall(null);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [callId]);

  if (!call) return null;
  return <ScreenPopCard ref={cardRef} call={call} onDismiss={() => setCall(null)} />;
}
