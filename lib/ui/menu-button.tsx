"use client";

import type { ReactNode } from "react";
import { Button, Menu, MenuItem, MenuTrigger, Popover } from "react-aria-components";
import { buttonClass } from "@/lib/ui/button-styles";
import { cn } from "@/lib/ui/cn";
import { Icon } from "@/lib/ui/icon";
import { optionClass, popoverClass } from "@/lib/ui/overlay-styles";

export type MenuLink = {
  id: string;
  label: string;
  href: string;
  /** A file to save rather than a page to open. */
  isDownload?: boolean;
  testId?: string;
};

type MenuButtonProps = {
  label: ReactNode;
  items: readonly MenuLink[];
  testId?: string;
  size?: "sm" | "md";
};

// React Aria's menu: Enter/Space/arrows open it, arrows move, Enter picks, Escape closes and
// returns focus to the button.
export function MenuButton({ label, items, testId, size = "sm" }: MenuButtonProps) {
  return (
    <MenuTrigger>
      <Button data-testid={testId} className={buttonClass("secondary", size)}>
        {label}
        <Icon name="chevronDown" className="size-4 text-slate-500" />
      </Button>
      <Popover placement="bottom end" className={popoverClass}>
        <Menu items={items} className="min-w-56 p-1 outline-none">
          {(item) => (
            <MenuItem
              id={item.id}
              href={item.href}
              download={item.isDownload || undefined}
              data-testid={item.testId}
              className={cn(optionClass, "no-underline")}
            >
              {item.label}
            </MenuItem>
          )}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
