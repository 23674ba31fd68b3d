"use client";

import Link from "next/link";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { buttonClass } from "@/lib/ui/button-styles";
import { Icon } from "@/lib/ui/icon";

export function InviteInvalid() {
  const { t } = useI18n();
  return (
    <div data-testid="invite-invalid" className="text-center">
      <div className="mx-auto mb-4 flex size-12 items-center justify-center rounded-full bg-amber-50 text-amber-700">
        <Icon name="link" className="size-6" />
      </div>
      <h1 className="text-xl font-semibold text-slate-900">{t("invite.invalidTitle")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("invite.invalidBody")}</p>
      <Link href="/signin" className={buttonClass("secondary", "md", "mt-6")}>
        {t("invite.toSignin")}
      </Link>
    </div>
  );
}
