import { Badge, type BadgeTone } from "@/lib/ui/badge";
import type { IntegrationStatus } from "@/app/(console)/settings/telephony/_components/types";

const tones: Record<IntegrationStatus, BadgeTone> = {
  NOT_CONNECTED: "neutral",
  CONNECTED: "success",
  NEEDS_REAUTH: "warning",
  ERROR: "danger",
};

type IntegrationStatusBadgeProps = { status: IntegrationStatus; label: string };

export function IntegrationStatusBadge({ status, label }: IntegrationStatusBadgeProps) {
  return (
    <Badge tone={tones[status]} testId="telephony-status">
      {label}
    </Badge>
  );
}
