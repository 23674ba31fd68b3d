import type { ReactNode } from "react";
import { cn } from "./cn";
import { Icon } from "./icon";

type AlertProps = {
  tone?: "error" | "success" | "info";
  children: ReactNode;
  testId?: string;
  className?: string;
};

const tones = {
  error: "border-red-200 bg-red-50 text-red-800",
  success: "border-emerald-200 bg-emerald-50 text-emerald-800",
  info: "border-brand-200 bg-brand-50 text-brand-900",
} as const;

// Errors interrupt (role=alert); confirmations are announced politely (role=status).
export function Alert({ tone = "error", children, testId, className }: AlertProps) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      data-testid={testId}
      className={cn("flex gap-2 rounded-md border px-3 py-2 text-sm", tones[tone], className)}
    >
      <Icon name={tone === "success" ? "check" : "alert"} className="mt-0.5 size-4" />
      <div>{children}</div>
    </div>
  );
}
