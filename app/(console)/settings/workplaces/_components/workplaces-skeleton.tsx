import { Skeleton } from "@/lib/ui/skeleton";

export function WorkplacesSkeleton({ label }: { label: string }) {
  return (
    <div
      role="status"
      aria-label={label}
      data-testid="workplaces-loading"
      className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white"
    >
      {[0, 1, 2, 3].map((row) => (
        <div key={row} className="flex flex-wrap items-center gap-4 px-4 py-4">
          <div className="min-w-40 flex-1 space-y-2">
            <Skeleton className="h-4 w-36" />
            <Skeleton className="h-3 w-16" />
          </div>
          <Skeleton className="hidden h-4 w-24 md:block" />
          <div className="flex gap-1">
            <Skeleton className="h-5 w-20 rounded-md" />
            <Skeleton className="h-5 w-16 rounded-md" />
          </div>
          <Skeleton className="hidden h-4 w-32 lg:block" />
          <Skeleton className="h-8 w-48" />
        </div>
      ))}
    </div>
  );
}
