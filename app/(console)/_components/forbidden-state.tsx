import Link from "next/link";
import type { Translate } from "@/lib/i18n/translate";
import { buttonClass } from "@/lib/ui/button-styles";
import { Icon } from "@/lib/ui/icon";

// Rendered in place of admin-only pages. (Next's forbidden() would also set the 403 status
// but needs the experimental authInterrupts flag.)
export function ForbiddenState({ t }: { t: Translate }) {
  return (
    <section
      data-testid="forbidden"
      className="flex flex-col items-center rounded-xl border border-slate-200 bg-white px-6 py-12 text-center"
    >
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-slate-100 text-slate-600">
        <Icon name="lock" className="size-6" />
      </div>
      <p className="text-xs font-semibold tracking-wide text-slate-500">403</p>
      <h2 className="mt-1 text-base font-semibold text-slate-900">{t("forbidden.title")}</h2>
      <p className="mt-2 max-w-md text-sm text-slate-600">{t("forbidden.body")}</p>
      <Link href="/live" className={buttonClass("secondary", "md", "mt-6")}>
        {t("common.toConsole")}
      </Link>
    </section>
  );
}
