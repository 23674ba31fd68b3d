import {
  routingActionSchema,
  ruleConditionsSchema,
  type RoutingAction,
  type RuleConditions,
} from "@/lib/schemas/routing";
import { z } from "zod";
import type { Prisma } from "@/server/db";
import type { SnapshotRule } from "@/server/routing/engine";

// The DB keeps RoutingRule.conditions / action / fallbacks as Json; these are their only shapes.
export {
  routingActionSchema,
  ruleConditionsSchema,
  scheduleSchema,
  callerConditionSchema,
  ruleBodySchema,
  defaultRuleBody,
} from "@/lib/schemas/routing";

const fallbacksSchema = z.array(routingActionSchema);

export type StoredRuleRow = {
  id: string;
  name: string;
  isEnabled: boolean;
  conditions: Prisma.JsonValue;
  action: Prisma.JsonValue;
  fallbacks: Prisma.JsonValue;
};

/**
 * A stored rule as the engine sees it. A row that no longer parses (written by an older
 * version, edited by hand) is kept but disabled, so it never routes a call in an unknown way.
 */
export function parseStoredRule(row: StoredRuleRow): SnapshotRule & { isValid: boolean } {
  const conditions = ruleConditionsSchema.safeParse(row.conditions);
  const action = routingActionSchema.safeParse(row.action);
  const fallbacks = fallbacksSchema.safeParse(row.fallbacks);
  const isValid = conditions.success && action.success && fallbacks.success;
  const fallbackConditions: RuleConditions = {
    dialed: [],
    caller: { kind: "any" },
    schedule: null,
  };
  const release: RoutingAction = { kind: "release" };
  return {
    id: row.id,
    name: row.name,
    isEnabled: row.isEnabled && isValid,
    isValid,
    conditions: conditions.data ?? fallbackConditions,
    action: action.data ?? release,
    fallbacks: fallbacks.data ?? [],
  };
}

/** Workplace ids a rule refers to (for validation against the tenant's workplaces). */
export function referencedWorkplaces(actions: readonly RoutingAction[]): string[] {
  const ids = new Set<string>();
  for (const action of actions) {
    if (action.kind === "workplace") ids.add(action.workplaceId);
    if (action.kind === "group") action.workplaceIds.forEach((id) => ids.add(id));
  }
  return [...ids];
}
