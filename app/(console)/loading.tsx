import { Skeleton } from "@/lib/ui/skeleton";

export default function ConsoleLoading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <Skeleton className="mb-6 h-8 w-48" />
      <Skeleton className="h-64 w-full rounded-xl" />
    </div>
  );
}
