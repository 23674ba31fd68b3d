"use client";

import { useState, useSyncExternalStore } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { buttonClass } from "@/lib/ui/button-styles";
import {
  playRingTone,
  useCallAlertPrefs,
  writeCallAlertPref,
} from "@/app/(console)/_components/screen-pop-alerts";

type PermissionState = NotificationPermission | "unsupported";

function readPermission(): PermissionState {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

// Desktop notifications need the browser's permission, which may only be asked from a click:
// turning the switch on is that click.
export function CallAlertsSettings({ userId }: { userId: string }) {
  const { t } = useI18n();
  const prefs = useCallAlertPrefs(userId);
  const initial = useSyncExternalStore(
    () => () => undefined,
    readPermission,
    (): PermissionState => "default",
  );
  const [permission, setPermission] = useState<PermissionState | null>(null);
  const current = permission ?? initial;

  async function onDesktopChange(isOn: boolean) {
    if (!isOn) {
      writeCallAlertPref(userId, "desktop", false);
      return;
    }
    if (current === "unsupported") return;
    const answer = current === "granted" ? "granted" : await Notification.requestPermission();
    setPermission(answer);
    writeCallAlertPref(userId, "desktop", answer === "granted");
  }

  return (
    <div className="space-y-3" data-testid="call-alerts">
      <label className="flex items-start gap-2 text-sm text-slate-900">
        <input
          type="checkbox"
          checked={prefs.isDesktopOn && current === "granted"}
          disabled={current === "unsupported"}
          onChange={(e) => void onDesktopChange(e.target.checked)}
          className="mt-0.5 size-4 rounded border-slate-300"
          data-testid="call-alerts-desktop"
        />
        <span>
          {t("profile.desktopNotifications")}
          <span className="mt-1 block text-xs text-slate-500">
            {current === "denied"
              ? t("profile.notificationsBlocked")
              : current === "unsupported"
                ? t("profile.notificationsUnsupported")
                : t("profile.desktopNotificationsHint")}
          </span>
        </span>
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-2 text-sm text-slate-900">
          <input
            type="checkbox"
            checked={prefs.isSoundOn}
            onChange={(e) => writeCallAlertPref(userId, "sound", e.target.checked)}
            className="size-4 rounded border-slate-300"
            data-testid="call-alerts-sound"
          />
          {t("profile.ringSound")}
        </label>
        <button type="button" onClick={playRingTone} className={buttonClass("secondary", "sm")}>
          {t("profile.ringTest")}
        </button>
      </div>
    </div>
  );
}
