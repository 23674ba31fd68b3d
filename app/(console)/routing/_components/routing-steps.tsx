import type { Translate } from "@/lib/i18n/translate";
import type { StoredRoutingOutcome } from "@/lib/schemas/routing";
import type { ExplanationStep } from "@/lib/schemas/routing-steps";
import { cn } from "@/lib/ui/cn";
import {
  formatReason,
  formatStep,
  isPassedOver,
} from "@/app/(console)/routing/_components/routing-text";

type RoutingStepsProps = {
  t: Translate;
  steps: readonly ExplanationStep[];
  testId?: string;
  className?: string;
} & (
  | /** The board's one-line reason (the outcome adds "park expired" when no step says it). */
    { variant: "line"; outcome: StoredRoutingOutcome }
    /** Every step, numbered; the ones only passed over are muted. */
  | { variant: "list" }
);

// The one renderer of a routing explanation: the live board, the call page and the routing
// test panel all show decisions through it. No hooks, so server and client pages can use it.
export function RoutingSteps(props: RoutingStepsProps) {
  const { t, steps, testId, className } = props;
  if (props.variant === "line")
    return (
      <p className={className} data-testid={testId}>
        <span className="sr-only">{t("live.routingReason")}: </span>
        {formatReason(t, { outcome: props.outcome, steps })}
      </p>
    );
  return (
    <ol className={cn("list-decimal space-y-1 pl-5 text-sm", className)} data-testid={testId}>
      {steps.map((step, index) => (
        <li
          key={index}
          data-kind={step.kind}
          className={cn(
            "first-letter:uppercase",
            isPassedOver(step) ? "text-slate-500" : "text-slate-800",
          )}
        >
          {formatStep(t, step)}
        </li>
      ))}
    </ol>
  );
}
