import { cn } from "@/lib/ui/cn";

export function inputClass(hasError = false, extra?: string): string {
  return cn(
    "block rounded-md border bg-white px-3 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 read-only:bg-slate-50 read-only:text-slate-600 disabled:bg-slate-100 disabled:text-slate-500",
    hasError ? "border-red-500" : "border-slate-300 hover:border-slate-400",
    extra ?? "h-10 w-full",
  );
}
