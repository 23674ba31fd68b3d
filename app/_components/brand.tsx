import Image from "next/image";
import { cn } from "@/lib/ui/cn";

type BrandProps = { size?: "sm" | "lg"; className?: string };

export function Brand({ size = "sm", className }: BrandProps) {
  const px = size === "lg" ? 36 : 28;
  return (
    <span className={cn("inline-flex items-center gap-2", className)}>
      <Image src="/logo.svg" alt="" width={px} height={px} priority />
      <span
        className={cn(
          "font-semibold tracking-tight text-slate-900",
          size === "lg" ? "text-2xl" : "text-lg",
        )}
      >
        Pult
      </span>
    </span>
  );
}
