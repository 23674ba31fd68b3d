"use client";

import { useState } from "react";
import { Button, Dialog, DialogTrigger, Modal, ModalOverlay } from "react-aria-components";
import { useI18n } from "@/lib/i18n/i18n-provider";
import { Icon } from "@/lib/ui/icon";
import { Brand } from "@/app/_components/brand";
import { NavLinks } from "@/app/(console)/_components/nav-links";

// Below `md` the sidebar becomes a modal drawer (React Aria's modal: focus stays inside,
// Escape or a tap outside closes it, focus returns to the menu button).
export function MobileNav() {
  const { t } = useI18n();
  const [isOpen, setOpen] = useState(false);
  return (
    <DialogTrigger isOpen={isOpen} onOpenChange={setOpen}>
      <Button
        aria-label={t("nav.openMenu")}
        data-testid="nav-menu-button"
        className="-ml-1 rounded-md p-2 text-slate-700 hover:bg-slate-100 md:hidden"
      >
        <Icon name="menu" />
      </Button>
      <ModalOverlay isDismissable className="fixed inset-0 z-50 bg-slate-900/40">
        <Modal className="h-dvh w-72 max-w-[85vw] bg-white shadow-xl">
          <Dialog aria-label={t("nav.label")} className="outline-none" data-testid="mobile-nav">
            <div className="flex h-14 items-center justify-between border-b border-slate-200 px-4">
              <Brand />
              <Button
                slot="close"
                aria-label={t("nav.closeMenu")}
                className="rounded-md p-2 text-slate-600 hover:bg-slate-100"
              >
                <Icon name="close" />
              </Button>
            </div>
            <NavLinks onNavigate={() => setOpen(false)} />
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
