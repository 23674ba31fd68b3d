"use client";

import { useId, useRef, useState, type ReactNode } from "react";
import { buttonClass } from "@/lib/ui/button-styles";
import { Icon } from "@/lib/ui/icon";
import { inputClass } from "@/lib/ui/input-styles";

type CopyFieldProps = {
  label: ReactNode;
  value: string;
  labels: { copy: string; copied: string; failed: string };
  hint?: ReactNode;
  testId?: string;
};

type CopyState = "idle" | "copied" | "failed";

// A read-only value with a Copy button; falls back to selecting the text for a manual copy.
export function CopyField({ label, value, labels, hint, testId }: CopyFieldProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<CopyState>("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopyState("copied");
    } catch {
      // Clipboard access can be blocked (permissions, non-secure origin).
      inputRef.current?.select();
      setCopyState("failed");
    }
  }

  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          ref={inputRef}
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          className={inputClass(false, "h-10 w-full min-w-0 font-mono text-xs")}
          data-testid={testId}
        />
        <button
          type="button"
          onClick={() => void copy()}
          className={buttonClass("secondary")}
          data-testid={testId ? `${testId}-copy` : undefined}
        >
          <Icon name={copyState === "copied" ? "check" : "copy"} className="size-4" />
          {copyState === "copied" ? labels.copied : labels.copy}
        </button>
      </div>
      <p role="status" className="text-xs text-slate-600 empty:hidden">
        {copyState === "failed" ? labels.failed : null}
      </p>
      {hint ? <div className="mt-1 text-xs text-slate-500">{hint}</div> : null}
    </div>
  );
}
