"use client";

import { useEffect, useRef, useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { parseLiveCall } from "@/lib/realtime/live-payloads";
import { useRealtimeEvent } from "@/lib/realtime/socket-provider";
import type { LiveCall } from "@/lib/realtime/events";
import { formatPhone } from "@/lib/ui/format-phone";
import { ScreenPopCard } from "@/app/(console)/_components/screen-pop-card";
import {
  playRingTone,
  readCallAlertPrefs,
  showCallNotification,
} from "@/app/(console)/_components/screen-pop-alerts";

// Still ours to pick up: ringing, and not moved on to someone else's workplace.
function isStillRingingFor(call: LiveCall, userId: string): boolean {
  const isRinging = call.state === "RINGING" || call.state === "PARKED";
  return isRinging && (call.manager === null || call.manager.id === userId);
}

// Mounted once in the console layout: pops the caller's card when a call rings at the
// signed-in user's workplace, and clears it once the call is answered elsewhere or ends —
// unless the user is filling in the "create client" form, which must not vanish mid-typing.
export function ScreenPop({ userId }: { userId: string }) {
  const { t } = useI18n();
  const [call, setCall] = useState<LiveCall | null>(null);
  const [isPinned, setPinned] = useState(false);
  const cardRef = useRef<HTMLDivElement>(null);

  useRealtimeEvent("call:ringing", (payload) => {
    const ringing = parseLiveCall(payload.call);
    if (!ringing) return;
    setCall(ringing);
    setPinned(false);
    if (document.visibilityState !== "hidden") return;
    const prefs = readCallAlertPrefs(userId);
    if (prefs.isDesktopOn) {
      const caller = ringing.direction === "OUT" ? ringing.toNumber : ringing.fromNumber;
      const dialed = ringing.direction === "OUT" ? ringing.fromNumber : ringing.toNumber;
      showCallNotification({
        callId: ringing.id,
        title: t("notification.incomingTitle"),
        body: t("notification.incomingBody", {
          caller: ringing.client?.name ?? formatPhone(caller),
          number: ringing.numberLabel ?? formatPhone(dialed),
        }),
      });
    }
    if (prefs.isSoundOn) playRingTone();
  });
  useRealtimeEvent("call:updated", (payload) => {
    const updated = parseLiveCall(payload);
    if (!updated) return;
    setCall((current) => {
      if (current?.id !== updated.id) return current;
      return isPinned || isStillRingingFor(updated, userId) ? updated : null;
    });
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
  return (
    <ScreenPopCard
      ref={cardRef}
      call={call}
      userId={userId}
      onDismiss={() => setCall(null)}
      onEngaged={() => setPinned(true)}
    />
  );
}
