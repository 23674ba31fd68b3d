import type { BadgeTone } from "@/lib/ui/badge";
import { Badge } from "@/lib/ui/badge";
import type { UserRow } from "@/app/(console)/settings/users/_components/types";

const tones: Record<UserRow["status"], BadgeTone> = {
  ACTIVE: "success",
  INVITED: "warning",
  DISABLED: "neutral",
};

export function StatusBadge({ status, label }: { status: UserRow["status"]; label: string }) {
  return (
    <Badge tone={tones[status]} testId="user-status">
      {label}
    </Badge>
  );
}
