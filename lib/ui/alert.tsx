import type { ReactNode } from "react";
import { cn } from "@/lib/ui/cn";
import { Icon, type IconName } from "@/lib/ui/icon";

type AlertTone = "error" | "success" | "info" | "warning";

type AlertProps = {
  tone?: AlertTone;
  children: ReactNode;
  testId?: string;
  className?: string;
  /** Shows a close button; pass a translated label with it. */
  onDismiss?: () => void;
  dismissLabel?: string;
};

const tones: Record<AlertTone, string> = {
  error: "border-red-200 bg-red-50 text-red-800",
  success: "border-emerald-200 bg-emerald-50 text-emerald-800",
  info: "border-brand-200 bg-brand-50 text-brand-900",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
};

const icons: Record<AlertTone, IconName> = {
  error: "alert",
  success: "check",
  info: "info",
  warning: "alert",
};

// Errors interrupt (role=alert); confirmations are announced politely (role=status).
export function Alert({
  tone = "error",
  children,
  testId,
  className,
  onDismiss,
  dismissLabel,
}: AlertProps) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      data-testid={testId}
      className={cn("flex gap-2 rounded-md border px-3 py-2 text-sm", tones[tone], className)}
    >
      <Icon name={icons[tone]} className="mt-0.5 size-4" />
      <div className="min-w-0 flex-1">{children}</div>
      {onDismiss ? (
        <button
          type="button"
          onClick={onDismiss}
          aria-label={dismissLabel}
          data-testid={testId ? `${testId}-dismiss` : undefined}
          className="-my-0.5 -mr-1 self-start rounded p-0.5 opacity-70 hover:bg-black/5 hover:opacity-100"
        >
          <Icon name="close" className="size-4" />
        </button>
      ) : null}
    </div>
  );
}
