import { Skeleton } from "@/lib/ui/skeleton";

export function TelephonySkeleton({ label }: { label: string }) {
  return (
    <div role="status" aria-label={label} data-testid="telephony-loading" className="space-y-6">
      {[0, 1].map((card) => (
        <div key={card} className="rounded-xl border border-slate-200 bg-white">
          <div className="flex items-center gap-3 border-b border-slate-200 px-6 py-4">
            <Skeleton className="h-5 w-32" />
            <Skeleton className="h-5 w-20 rounded-full" />
          </div>
          <div className="grid gap-6 px-6 py-5 sm:grid-cols-2 lg:grid-cols-4">
            {[0, 1, 2, 3].map((cell) => (
              <div key={cell} className="space-y-2">
                <Skeleton className="h-3 w-24" />
                <Skeleton className="h-4 w-40" />
              </div>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
