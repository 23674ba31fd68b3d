"use client";

import Link from "next/link";
import { useState } from "react";
import { Button, Dialog, DialogTrigger, Popover } from "react-aria-components";
import { signOutAction } from "@/server/auth/actions";
import { useI18n } from "@/lib/i18n/i18n-provider";
import type { Role } from "@/lib/schemas/users";
import { Icon } from "@/lib/ui/icon";
import { popoverClass } from "@/lib/ui/overlay-styles";
import { RoleBadge } from "@/app/(console)/_components/role-badge";
import { UserLanguageSwitch } from "@/app/(console)/_components/user-language-switch";

type UserMenuProps = { name: string; email: string; role: Role };

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).slice(0, 2);
  return parts.map((part) => part.charAt(0).toUpperCase()).join("") || "?";
}

// A popover dialog rather than role="menu": the panel holds a language switch and a form,
// which menu semantics don't allow. React Aria closes it on Escape or a click outside and
// gives focus back to the button.
export function UserMenu({ name, email, role }: UserMenuProps) {
  const { t } = useI18n();
  const [isOpen, setOpen] = useState(false);
  return (
    <DialogTrigger isOpen={isOpen} onOpenChange={setOpen}>
      <Button
        aria-label={t("userMenu.button", { name })}
        data-testid="user-menu-button"
        className="flex items-center gap-2 rounded-full py-1 pr-2 pl-1 text-sm text-slate-700 hover:bg-slate-100"
      >
        <span
          aria-hidden
          className="bg-brand-100 text-brand-800 flex size-8 items-center justify-center rounded-full text-xs font-semibold"
        >
          {initials(name)}
        </span>
        <span className="hidden max-w-40 truncate font-medium sm:inline">{name}</span>
        <Icon name="chevronDown" className="size-4 text-slate-500" />
      </Button>
      <Popover placement="bottom end" className={popoverClass}>
        <Dialog
          aria-label={t("userMenu.button", { name })}
          data-testid="user-menu"
          className="w-72 p-1 outline-none"
        >
          <div className="border-b border-slate-100 px-3 py-3">
            <p
              className="truncate text-sm font-semibold text-slate-900"
              data-testid="user-menu-name"
            >
              {name}
            </p>
            <p className="truncate text-sm text-slate-600" data-testid="user-menu-email">
              {email}
            </p>
            <div className="mt-2">
              <RoleBadge role={role} label={t(`role.${role}`)} testId="user-menu-role" />
            </div>
          </div>
          <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-3 py-3">
            <span className="text-sm text-slate-700">{t("language.label")}</span>
            <UserLanguageSwitch />
          </div>
          <Link
            href="/settings/profile"
            onClick={() => setOpen(false)}
            className="mt-1 flex items-center gap-2 rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100"
          >
            <Icon name="user" className="size-4 text-slate-500" />
            {t("userMenu.profile")}
          </Link>
          <form action={signOutAction}>
            <button
              type="submit"
              data-testid="signout-button"
              className="flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100"
            >
              <Icon name="logout" className="size-4 text-slate-500" />
              {t("userMenu.signOut")}
            </button>
          </form>
        </Dialog>
      </Popover>
    </DialogTrigger>
  );
}
