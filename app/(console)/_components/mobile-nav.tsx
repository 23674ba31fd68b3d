"use client";

import { useEffect, useRef, useState } from "react";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { Icon } from "@/lib/ui/icon";
import { Brand } from "../../_components/brand";
import { NavLinks } from "./nav-links";

// Below `md` the sidebar becomes a modal drawer (native <dialog>: focus stays inside,
// Escape closes it).
export function MobileNav() {
  const { t } = useI18n();
  const [isOpen, setOpen] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog || !isOpen) return;
    dialog.showModal();
    const button = buttonRef.current;
    return () => {
      dialog.close();
      button?.focus();
    };
  }, [isOpen]);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        onClick={() => setOpen(true)}
        aria-expanded={isOpen}
        aria-controls="mobile-nav"
        aria-label={t("nav.openMenu")}
        data-testid="nav-menu-button"
        className="-ml-1 rounded-md p-2 text-slate-700 hover:bg-slate-100 md:hidden"
      >
        <Icon name="menu" />
      </button>
      {isOpen ? (
        <dialog
          id="mobile-nav"
          ref={dialogRef}
          aria-label={t("nav.label")}
          onCancel={(event) => {
            event.preventDefault();
            setOpen(false);
          }}
          onClick={(event) => {
            if (event.target === event.currentTarget) setOpen(false);
          }}
          className="m-0 h-dvh max-h-none w-72 max-w-[85vw] bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
          data-testid="mobile-nav"
        >
          <div className="flex h-14 items-center justify-between border-b border-slate-200 px-4">
            <Brand />
            <button
              type="button"
              onClick={() => setOpen(false)}
              aria-label={t("nav.closeMenu")}
              className="rounded-md p-2 text-slate-600 hover:bg-slate-100"
            >
              <Icon name="close" />
            </button>
          </div>
          <NavLinks onNavigate={() => setOpen(false)} />
        </dialog>
      ) : null}
    </>
  );
}
