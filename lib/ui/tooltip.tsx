"use client";

import type { DOMAttributes, ReactElement, ReactNode } from "react";
import {
  Focusable,
  Tooltip as AriaTooltip,
  TooltipTrigger,
  type FocusableElement,
} from "react-aria-components";
import { tooltipClass } from "@/lib/ui/overlay-styles";

type TooltipProps = {
  content: ReactNode;
  /** One focusable element (a button or link): the tooltip shows on its hover and focus. */
  children: ReactElement<DOMAttributes<FocusableElement>, string>;
  placement?: "top" | "bottom";
};

// React Aria's tooltip: shown on hover after a short delay and at once on keyboard focus,
// hidden by Escape, and linked to its trigger with aria-describedby while shown.
export function Tooltip({ content, children, placement = "bottom" }: TooltipProps) {
  return (
    <TooltipTrigger delay={400} closeDelay={100}>
      <Focusable>{children}</Focusable>
      <AriaTooltip placement={placement} offset={6} className={tooltipClass}>
        {content}
      </AriaTooltip>
    </TooltipTrigger>
  );
}
