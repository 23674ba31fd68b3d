import type { ReactNode } from "react";
import { getServerCaller } from "@/server/api/caller";
import { requireSessionUser } from "@/server/auth/session";
import { getTranslator } from "@/server/i18n/locale";
import { ConnectionIndicator } from "@/lib/realtime/connection-indicator";
import { Brand } from "@/app/_components/brand";
import { ConsoleProviders } from "@/app/(console)/_components/console-providers";
import { FeedHealthBanner } from "@/app/(console)/_components/feed-health/feed-health-banner";
import { MobileNav } from "@/app/(console)/_components/mobile-nav";
import { NavLinks } from "@/app/(console)/_components/nav-links";
import { UserMenu } from "@/app/(console)/_components/user-menu";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireSessionUser();
  const [me, { t }] = await Promise.all([
    getServerCaller().then((caller) => caller.me.get()),
    getTranslator(),
  ]);

  return (
    <ConsoleProviders userId={user.id}>
      <a
        href="#content"
        className="text-brand-700 sr-only z-50 rounded-md bg-white px-4 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        {t("common.skipToContent")}
      </a>
      <div className="min-h-dvh md:grid md:grid-cols-[15rem_minmax(0,1fr)]">
        {/* The column carries the background and border down the whole page; the nav inside
            stays in view while the page scrolls. */}
        <div className="hidden border-r border-slate-200 bg-white md:block" data-testid="sidebar">
          <aside className="sticky top-0 flex h-dvh flex-col">
            <div className="flex h-14 shrink-0 items-center border-b border-slate-200 px-5">
              <Brand />
            </div>
            <NavLinks />
          </aside>
        </div>
        <div className="flex min-w-0 flex-col">
          <header className="sticky top-0 z-20 flex h-14 items-center gap-2 border-b border-slate-200 bg-white/95 px-4 backdrop-blur md:px-8">
            <MobileNav />
            <p
              className="min-w-0 truncate text-sm font-medium text-slate-700"
              data-testid="tenant-name"
            >
              {me.tenant.name}
            </p>
            <div className="ml-auto flex items-center gap-2">
              <ConnectionIndicator />
              <UserMenu name={user.name} email={user.email} role={user.role} />
            </div>
          </header>
          <main
            id="content"
            tabIndex={-1}
            className="flex-1 px-4 py-6 outline-none md:px-8 md:py-8"
          >
            <div className="mx-auto max-w-6xl">
              <FeedHealthBanner />
              {children}
            </div>
          </main>
        </div>
      </div>
    </ConsoleProviders>
  );
}
