import type { ReactNode } from "react";

type SectionProps = { id: string; title: string; children: ReactNode; testId?: string };

// One bordered card per part of the call page, titled for screen-reader navigation.
export function Section({ id, title, children, testId }: SectionProps) {
  return (
    <section
      aria-labelledby={id}
      className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5"
      data-testid={testId}
    >
      <h2 id={id} className="mb-3 text-base font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}
