"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { cn } from "@/lib/ui/cn";
import { Icon } from "@/lib/ui/icon";
import { scrollEdges } from "@/lib/ui/scroll-edges";

type ScrollXProps = {
  /** Names the scrolling region for screen readers (and keyboard users who tab into it). */
  label: string;
  className?: string;
  children: ReactNode;
};

// A wide table scrolls sideways inside its card instead of being cut off. While columns are
// hidden, a shade and an arrow mark the side they are on, and the region takes keyboard focus
// so arrow keys can scroll it.
export function ScrollX({ label, className, children }: ScrollXProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState({ start: false, end: false });
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const update = () => {
      const next = scrollEdges(box.scrollLeft, box.scrollWidth, box.clientWidth);
      setEdges((prev) => (prev.start === next.start && prev.end === next.end ? prev : next));
    };
    update();
    box.addEventListener("scroll", update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => {
      box.removeEventListener("scroll", update);
      observer.disconnect();
    };
  }, []);
  const isScrollable = edges.start || edges.end;
  return (
    <div className={cn("relative", className)}>
      <div
        ref={ref}
        className="overflow-x-auto"
        data-scroll-x
        role={isScrollable ? "region" : undefined}
        aria-label={isScrollable ? label : undefined}
        tabIndex={isScrollable ? 0 : undefined}
      >
        {children}
      </div>
      {edges.start ? (
        <div
          aria-hidden
          className="pointer-events-none absolute inset-y-0 left-0 w-6 bg-linear-to-r from-slate-900/10 to-transparent"
        />
      ) : null}
      {edges.end ? (
        <div
          aria-hidden
          data-testid="scroll-more"
          className="pointer-events-none absolute inset-y-0 right-0 flex w-10 items-center justify-end bg-linear-to-l from-slate-900/10 to-transparent pr-1"
        >
          <span className="flex size-6 items-center justify-center rounded-full bg-white text-slate-600 shadow ring-1 ring-slate-200">
            <Icon name="chevronDown" className="size-4 -rotate-90" />
          </span>
        </div>
      ) : null}
    </div>
  );
}
