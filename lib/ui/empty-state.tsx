import type { ReactNode } from "react";
import { Icon, type IconName } from "@/lib/ui/icon";

type EmptyStateProps = {
  icon: IconName;
  title: string;
  children?: ReactNode;
  testId?: string;
};

export function EmptyState({ icon, title, children, testId }: EmptyStateProps) {
  return (
    <section
      data-testid={testId}
      className="flex flex-col items-center rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center"
    >
      <div className="bg-brand-50 text-brand-700 mb-4 flex size-12 items-center justify-center rounded-full">
        <Icon name={icon} className="size-6" />
      </div>
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      <div className="mt-2 max-w-xl space-y-4 text-sm text-slate-600">{children}</div>
    </section>
  );
}
