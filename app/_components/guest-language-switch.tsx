"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { writeLocaleCookie } from "@/lib/i18n/locale-cookie";
import { LanguageSwitch } from "@/app/_components/language-switch";

// For signed-out pages: the cookie is all there is to remember.
export function GuestLanguageSwitch() {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  return (
    <LanguageSwitch
      isPending={isPending}
      onChange={(locale) => {
        writeLocaleCookie(locale);
        startTransition(() => router.refresh());
      }}
    />
  );
}
