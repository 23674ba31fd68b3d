"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { writeLocaleCookie } from "@/lib/i18n/locale-cookie";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { useTRPC } from "@/lib/trpc/react";
import { LanguageSwitch } from "@/app/_components/language-switch";

// Signed in, the choice is saved on the account (it wins over the cookie on every device);
// the cookie keeps the sign-in page in the same language after signing out.
export function UserLanguageSwitch({ className }: { className?: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const [isRefreshing, startTransition] = useTransition();
  const setLocale = useMutation(trpc.me.setLocale.mutationOptions());

  return (
    <div className={className}>
      <LanguageSwitch
        isPending={setLocale.isPending || isRefreshing}
        onChange={(locale) =>
          setLocale.mutate(
            { locale },
            {
              onSuccess: () => {
                writeLocaleCookie(locale);
                startTransition(() => router.refresh());
              },
            },
          )
        }
      />
      {setLocale.isError ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {t("language.saveFailed")}
        </p>
      ) : null}
    </div>
  );
}
