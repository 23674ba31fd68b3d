import type { Role } from "@/lib/schemas/users";
import { Badge, type BadgeTone } from "@/lib/ui/badge";

const tones: Record<Role, BadgeTone> = {
  ADMIN: "brand",
  SUPERVISOR: "warning",
  MANAGER: "neutral",
};

export function RoleBadge({ role, label, testId }: { role: Role; label: string; testId?: string }) {
  return (
    <Badge tone={tones[role]} testId={testId}>
      {label}
    </Badge>
  );
}
