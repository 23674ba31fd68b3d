import type { IconName } from "@/lib/ui/icon";

export type NavSection =
  | "live"
  | "calls"
  | "tasks"
  | "recordings"
  | "clients"
  | "routing"
  | "reports"
  | "quality"
  | "settings";

export const navItems: ReadonlyArray<{ section: NavSection; href: string; icon: IconName }> = [
  { section: "live", href: "/live", icon: "live" },
  { section: "calls", href: "/calls", icon: "calls" },
  { section: "tasks", href: "/tasks", icon: "check" },
  { section: "recordings", href: "/recordings", icon: "headset" },
  { section: "clients", href: "/clients", icon: "clients" },
  { section: "routing", href: "/routing", icon: "routing" },
  { section: "reports", href: "/reports", icon: "reports" },
  { section: "quality", href: "/quality", icon: "star" },
  { section: "settings", href: "/settings", icon: "settings" },
];

export function isActivePath(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
