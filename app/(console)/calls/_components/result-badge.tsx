import type { Translate } from "@/lib/i18n/translate";
import { Badge } from "@/lib/ui/badge";
import {
  describeResult,
  type CallDirection,
  type CallResult,
} from "@/app/(console)/calls/_components/call-format";

type ResultBadgeProps = {
  t: Translate;
  call: { direction: CallDirection; result: CallResult | null };
  testId?: string;
};

export function ResultBadge({ t, call, testId }: ResultBadgeProps) {
  const { label, tone } = describeResult(t, call);
  return (
    <Badge tone={tone} testId={testId}>
      {label}
    </Badge>
  );
}
