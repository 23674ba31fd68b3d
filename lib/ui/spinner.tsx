import { cn } from "@/lib/ui/cn";
import { Icon } from "@/lib/ui/icon";

export function Spinner({ className }: { className?: string }) {
  return <Icon name="loader" className={cn("size-4 animate-spin", className)} />;
}
