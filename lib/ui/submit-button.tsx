"use client";

import { useFormStatus } from "react-dom";
import { buttonClass } from "@/lib/ui/button-styles";

type SubmitButtonProps = {
  label: string;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger";
  className?: string;
  testId?: string;
};

// Disables itself while its enclosing <form action> is running.
export function SubmitButton({
  label,
  pendingLabel,
  variant = "primary",
  className,
  testId,
}: SubmitButtonProps) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-busy={pending || undefined}
      className={buttonClass(variant, "md", className)}
      data-testid={testId}
    >
      {pending && pendingLabel ? pendingLabel : label}
    </button>
  );
}
