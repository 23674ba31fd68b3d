"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { Dialog as AriaDialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { Icon } from "@/lib/ui/icon";

type DialogProps = {
  isOpen: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  closeLabel: string;
  testId?: string;
};

// React Aria's modal: the rest of the page is hidden from assistive tech, focus is trapped
// inside, Escape and a click on the backdrop close it, and focus returns to the opener.
export function Dialog({
  isOpen,
  onClose,
  title,
  description,
  children,
  closeLabel,
  testId,
}: DialogProps) {
  const descriptionId = useId();
  return (
    <ModalOverlay
      isOpen={isOpen}
      isDismissable
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      className="fixed inset-0 z-50 flex overflow-y-auto bg-slate-900/40 p-4"
    >
      {/* m-auto centres it, and a dialog taller than the screen scrolls from its top. */}
      <Modal className="m-auto w-full max-w-lg rounded-xl bg-white text-left text-slate-900 shadow-xl">
        <AriaDialog
          data-testid={testId}
          aria-describedby={description ? descriptionId : undefined}
          className="relative p-6 outline-none"
        >
          <FocusFirstField>
            <div className="mb-4 pr-8">
              <Heading slot="title" className="text-lg font-semibold">
                {title}
              </Heading>
              {description ? (
                <div id={descriptionId} className="mt-1 text-sm text-slate-600">
                  {description}
                </div>
              ) : null}
            </div>
            {children}
          </FocusFirstField>
          {/* Last in DOM order so the first field gets focus, not the close button. */}
          <button
            type="button"
            onClick={onClose}
            aria-label={closeLabel}
            className="absolute top-5 right-5 rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
          >
            <Icon name="close" />
          </button>
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}

const FOCUSABLE =
  'input:not([type="hidden"]):not(:disabled), select:not(:disabled), textarea:not(:disabled), button:not(:disabled), a[href], [tabindex]:not([tabindex="-1"])';

// The dialog would focus itself; a form dialog is quicker to use when it opens on its first
// field. Runs before the dialog's own effect (children's effects run first).
function FocusFirstField({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root || root.contains(document.activeElement)) return;
    root.querySelector<HTMLElement>(FOCUSABLE)?.focus();
  }, []);
  return <div ref={ref}>{children}</div>;
}
