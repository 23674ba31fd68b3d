"use client";

import { useSyncExternalStore } from "react";

// Per-user (per-browser) choices for incoming calls while Pult is in a background tab: a
// desktop notification and a short ringing tone. Stored in localStorage under the user's id.

export type CallAlertPrefs = { isDesktopOn: boolean; isSoundOn: boolean };

const CHANGE_EVENT = "pult:call-alerts";
const keyOf = (userId: string, what: "desktop" | "sound") => `pult.callAlerts.${what}.${userId}`;

export function readCallAlertPrefs(userId: string): CallAlertPrefs {
  if (typeof window === "undefined") return { isDesktopOn: false, isSoundOn: false };
  try {
    return {
      isDesktopOn: window.localStorage.getItem(keyOf(userId, "desktop")) === "1",
      isSoundOn: window.localStorage.getItem(keyOf(userId, "sound")) === "1",
    };
  } catch {
    return { isDesktopOn: false, isSoundOn: false };
  }
}

export function writeCallAlertPref(userId: string, what: "desktop" | "sound", isOn: boolean): void {
  try {
    window.localStorage.setItem(keyOf(userId, what), isOn ? "1" : "0");
  } catch {
    // Private mode or storage full: the choice simply does not persist.
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}

export function useCallAlertPrefs(userId: string): CallAlertPrefs {
  const desktop = useSyncExternalStore(
    subscribe,
    () => readCallAlertPrefs(userId).isDesktopOn,
    () => false,
  );
  const sound = useSyncExternalStore(
    subscribe,
    () => readCallAlertPrefs(userId).isSoundOn,
    () => false,
  );
  return { isDesktopOn: desktop, isSoundOn: sound };
}

let audio: AudioContext | null = null;

/** Two short rings, generated: no audio file to ship. */
export function playRingTone(): void {
  try {
    audio ??= new AudioContext();
    const ctx = audio;
    void ctx.resume();
    const start = ctx.currentTime + 0.05;
    for (const offset of [0, 0.45]) {
      const gain = ctx.createGain();
      gain.gain.setValueAtTime(0, start + offset);
      gain.gain.linearRampToValueAtTime(0.15, start + offset + 0.02);
      gain.gain.setValueAtTime(0.15, start + offset + 0.3);
      gain.gain.linearRampToValueAtTime(0, start + offset + 0.35);
      gain.connect(ctx.destination);
      for (const frequency of [440, 480]) {
        const osc = ctx.createOscillator();
        osc.frequency.value = frequency;
        osc.connect(gain);
        osc.start(start + offset);
        osc.stop(start + offset + 0.36);
      }
    }
  } catch {
    // No Web Audio (or blocked): the visual pop is still there.
  }
}

export function showCallNotification(opts: { callId: string; title: string; body: string }): void {
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  try {
    const notification = new Notification(opts.title, {
      body: opts.body,
      tag: `call-${opts.callId}`,
    });
    notification.onclick = () => {
      window.focus();
      notification.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker.
  }
}
