"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { Icon } from "./icon";

type DialogProps = {
  isOpen: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  closeLabel: string;
  testId?: string;
};

// A native modal <dialog>: the browser makes the rest of the page inert (focus stays
// inside) and turns Escape into a "cancel" event. We restore focus ourselves because
// the opener may have re-rendered while the dialog was open.
export function Dialog({
  isOpen,
  onClose,
  title,
  description,
  children,
  closeLabel,
  testId,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !isOpen) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    return () => {
      dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [isOpen]);

  if (!isOpen) return null;
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> element itself.
        if (event.target === event.currentTarget) onClose();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-xl bg-white p-0 text-left text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="relative p-6">
        <div className="mb-4 pr-8">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          {description ? (
            <div id={descriptionId} className="mt-1 text-sm text-slate-600">
              {description}
            </div>
          ) : null}
        </div>
        {children}
        {/* Last in DOM order so showModal() focuses the first field, not the close button. */}
        <button
          type="button"
          onClick={onClose}
          aria-label={closeLabel}
          className="absolute top-5 right-5 rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
        >
          <Icon name="close" />
        </button>
      </div>
    </dialog>
  );
}
