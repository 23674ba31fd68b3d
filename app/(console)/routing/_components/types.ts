import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type RoutingOutputs = inferRouterOutputs<AppRouter>["routing"];

export type RoutingList = RoutingOutputs["list"];
export type RuleView = RoutingList["rules"][number];
export type WorkplaceOption = RoutingList["workplaces"][number];
export type NumberOption = RoutingList["numbers"][number];
export type RoutingTrace = RoutingOutputs["test"];

export function workplaceLabel(w: WorkplaceOption): string {
  const who = w.userName && w.userName !== w.name ? ` — ${w.userName}` : "";
  return `${w.name}${w.extension ? ` (${w.extension})` : ""}${who}`;
}
