"use client";

import { useId, useRef, useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { formatDateTime } from "@/lib/i18n/translate";
import { buttonClass } from "@/lib/ui/button-styles";
import { Icon } from "@/lib/ui/icon";
import { inputClass } from "@/lib/ui/input-styles";
import type { InviteLink } from "@/app/(console)/settings/users/_components/types";

type CopyState = "idle" | "copied" | "failed";

export function InviteLinkPanel({ link, intro }: { link: InviteLink; intro?: string }) {
  const { t, locale } = useI18n();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<CopyState>("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(link.inviteUrl);
      setCopyState("copied");
    } catch {
      // Clipboard access can be blocked (permissions, non-secure origin): let them copy by hand.
      inputRef.current?.select();
      setCopyState("failed");
    }
  }

  return (
    <div className="space-y-3" data-testid="invite-link-panel">
      <p className="text-sm text-slate-700">
        {intro ? `${intro} ` : null}
        {t("invite.linkBody", {
          email: link.email,
          expires: formatDateTime(locale, link.expiresAt),
        })}
      </p>
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
        {t("invite.linkLabel")}
      </label>
      <div className="flex gap-2">
        <input
          id={inputId}
          ref={inputRef}
          readOnly
          value={link.inviteUrl}
          onFocus={(event) => event.currentTarget.select()}
          className={inputClass(false, "h-10 w-full min-w-0 font-mono text-xs")}
          data-testid="invite-link"
        />
        <button
          type="button"
          onClick={() => void copy()}
          className={buttonClass("secondary")}
          data-testid="invite-copy"
        >
          <Icon name={copyState === "copied" ? "check" : "copy"} className="size-4" />
          {copyState === "copied" ? t("common.copied") : t("common.copy")}
        </button>
      </div>
      <p role="status" className="min-h-5 text-xs text-slate-600">
        {copyState === "failed" ? t("invite.copyFailed") : null}
      </p>
    </div>
  );
}
