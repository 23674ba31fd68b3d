import { cn } from "./cn";
import { Icon } from "./icon";

export function Spinner({ className }: { className?: string }) {
  return <Icon name="loader" className={cn("size-4 animate-spin", className)} />;
}
