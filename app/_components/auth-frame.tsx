import type { ReactNode } from "react";
import { Brand } from "@/app/_components/brand";
import { GuestLanguageSwitch } from "@/app/_components/guest-language-switch";

type AuthFrameProps = { tagline: string; children: ReactNode };

// The frame around the signed-out pages (sign-in, invitation).
export function AuthFrame({ tagline, children }: AuthFrameProps) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center justify-between px-4 py-4 sm:px-8">
        <Brand />
        <GuestLanguageSwitch />
      </header>
      <main
        id="content"
        className="flex flex-1 items-start justify-center px-4 pt-6 pb-16 sm:pt-16"
      >
        <div className="w-full max-w-md">
          <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
            {children}
          </div>
          <p className="mt-6 text-center text-xs text-slate-500">{tagline}</p>
        </div>
      </main>
    </div>
  );
}
