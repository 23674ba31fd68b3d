import type {
  CallerCondition,
  GroupStrategy,
  RoutingAction,
  RoutingOutcomeKind,
  RoutingStep,
  RuleConditions,
  TargetStatus,
} from "@/lib/schemas/routing";
import { localTime, scheduleMatches, type LocalTime } from "@/server/routing/schedule";

// The pure decision: snapshot + call + time in, target + explanation out. No I/O here, so it is
// fast enough for the 5 s park and fully unit-testable.

export type SnapshotRule = {
  id: string;
  name: string;
  isEnabled: boolean;
  conditions: RuleConditions;
  action: RoutingAction;
  fallbacks: RoutingAction[];
};

export type ClientInfo = {
  clientId: string;
  managerId: string | null;
  tags: readonly string[];
  isVip: boolean;
};

export type WorkplaceInfo = { id: string; externalId: string; name: string; userId: string | null };
export type UserInfo = {
  id: string;
  name: string;
  presence: "AVAILABLE" | "BREAK" | "OFFLINE";
  workplaceId: string | null;
};

export type RoutingSnapshot = {
  timeZone: string;
  /** All rules in order, disabled ones included (the trace shows them as skipped). */
  rules: readonly SnapshotRule[];
  findClient(phone: string): ClientInfo | undefined;
  workplaces: ReadonlyMap<string, WorkplaceInfo>;
  users: ReadonlyMap<string, UserInfo>;
  /** Workplaces and users with a call that has not ended. */
  busyWorkplaces: ReadonlySet<string>;
  busyUsers: ReadonlySet<string>;
  /** Epoch ms of the last ended call per workplace (longest idle); absent = idle for long. */
  lastEndByWorkplace: ReadonlyMap<string, number>;
  /** For "ask the CRM": active users by lower-cased email, workplaces by the PBX's id. */
  userIdsByEmail?: ReadonlyMap<string, string>;
  workplacesByExternalId?: ReadonlyMap<string, WorkplaceInfo>;
};

/** What the CRM lookup said (server/routing/crm-lookup.ts), asked before deciding. */
export type CrmAnswer =
  | {
      status: "answered";
      ms: number;
      managerEmail?: string | null;
      workplaceId?: string | null;
      number?: string | null;
    }
  | { status: "timeout" | "error" | "noUrl"; ms: number; message?: string | null };

export type RoundRobinCursor = {
  get(key: string): number;
  set(key: string, value: number): void;
};

export type EngineDeps = {
  random: () => number;
  cursor: RoundRobinCursor;
  /** The CRM's answer when the matching rule asks it (crmBudgetOf), asked before decide. */
  crm?: CrmAnswer;
};

export type RoutingCall = { from: string; to: string };

export type RoutingTarget =
  | { kind: "workplace"; workplaceId: string; externalId: string; name: string }
  | { kind: "number"; number: string };

export type RoutingResult = {
  outcome: RoutingOutcomeKind;
  target: RoutingTarget | null;
  ruleId: string | null;
  ruleName: string | null;
  steps: RoutingStep[];
};

export function createMemoryCursor(): RoundRobinCursor {
  const positions = new Map<string, number>();
  return {
    get: (key) => positions.get(key) ?? 0,
    set: (key, value) => void positions.set(key, value),
  };
}

const digits = (phone: string) => phone.replace(/\D/g, "");

function callerMatches(condition: CallerCondition, client: ClientInfo | undefined, from: string) {
  switch (condition.kind) {
    case "any":
      return true;
    case "known":
      return client !== undefined;
    case "unknown":
      return client === undefined;
    case "vip":
      return client?.isVip === true;
    case "tag": {
      const wanted = condition.tags.map((t) => t.toLowerCase());
      return client?.tags.some((tag) => wanted.includes(tag.toLowerCase())) === true;
    }
    case "prefix": {
      const caller = digits(from);
      return condition.prefixes.some((p) => digits(p).length > 0 && caller.startsWith(digits(p)));
    }
  }
}

type Why = "dialed" | "caller" | "schedule";

export function conditionsFail(
  conditions: RuleConditions,
  call: RoutingCall,
  client: ClientInfo | undefined,
  local: LocalTime,
): Why | null {
  if (conditions.dialed.length > 0 && !conditions.dialed.includes(call.to)) return "dialed";
  if (!callerMatches(conditions.caller, client, call.from)) return "caller";
  if (conditions.schedule && !scheduleMatches(conditions.schedule, local)) return "schedule";
  return null;
}

function userStatus(snapshot: RoutingSnapshot, user: UserInfo, workplaceId: string): TargetStatus {
  if (user.presence === "OFFLINE") return "offline";
  if (user.presence === "BREAK") return "break";
  if (snapshot.busyUsers.has(user.id) || snapshot.busyWorkplaces.has(workplaceId)) return "busy";
  return "available";
}

function workplaceStatus(snapshot: RoutingSnapshot, workplaceId: string): TargetStatus {
  const workplace = snapshot.workplaces.get(workplaceId);
  if (!workplace) return "noWorkplace";
  const user = workplace.userId ? snapshot.users.get(workplace.userId) : undefined;
  if (!user) return "noUser";
  return userStatus(snapshot, user, workplaceId);
}

type Attempt =
  { kind: "target"; target: RoutingTarget } | { kind: "release" } | { kind: "unavailable" };

function workplaceTarget(snapshot: RoutingSnapshot, workplaceId: string): RoutingTarget {
  const workplace = snapshot.workplaces.get(workplaceId);
  if (!workplace) throw new Error(`workplace ${workplaceId} is not in the snapshot`);
  return { kind: "workplace", workplaceId, externalId: workplace.externalId, name: workplace.name };
}

function displayName(snapshot: RoutingSnapshot, workplaceId: string): string {
  const workplace = snapshot.workplaces.get(workplaceId);
  if (!workplace) return workplaceId.slice(0, 8);
  const user = workplace.userId ? snapshot.users.get(workplace.userId) : undefined;
  return user?.name ?? workplace.name;
}

function pickFromGroup(
  snapshot: RoutingSnapshot,
  deps: EngineDeps,
  key: string,
  members: readonly string[],
  strategy: GroupStrategy,
): string | null {
  const available = members.filter((id) => workplaceStatus(snapshot, id) === "available");
  if (available.length === 0) return null;
  if (strategy === "random") {
    const index = Math.min(available.length - 1, Math.floor(deps.random() * available.length));
    return available[index] ?? null;
  }
  if (strategy === "longestIdle") {
    let best: string | null = null;
    let bestEnd = Infinity;
    for (const id of available) {
      const end = snapshot.lastEndByWorkplace.get(id) ?? -Infinity;
      if (end < bestEnd) {
        best = id;
        bestEnd = end;
      }
    }
    return best;
  }
  // Round robin over the member list: start after the last one chosen, skip the unavailable.
  const start = deps.cursor.get(key) % members.length;
  for (let i = 0; i < members.length; i++) {
    const index = (start + i) % members.length;
    const id = members[index];
    if (id !== undefined && available.includes(id)) {
      deps.cursor.set(key, index + 1);
      return id;
    }
  }
  return null;
}

function tryAction(
  snapshot: RoutingSnapshot,
  deps: EngineDeps,
  action: RoutingAction,
  client: ClientInfo | undefined,
  cursorKey: string,
  steps: RoutingStep[],
): Attempt {
  switch (action.kind) {
    case "release":
      steps.push({ kind: "release", reason: "action" });
      return { kind: "release" };
    case "number":
      steps.push({ kind: "number", number: action.number });
      return { kind: "target", target: { kind: "number", number: action.number } };
    case "workplace": {
      const status = workplaceStatus(snapshot, action.workplaceId);
      steps.push({ kind: "workplace", name: displayName(snapshot, action.workplaceId), status });
      return status === "available"
        ? { kind: "target", target: workplaceTarget(snapshot, action.workplaceId) }
        : { kind: "unavailable" };
    }
    case "personalManager": {
      if (!client) {
        steps.push({ kind: "personalManager", name: null, status: "unknownCaller" });
        return { kind: "unavailable" };
      }
      const manager = client.managerId ? snapshot.users.get(client.managerId) : undefined;
      if (!manager) {
        steps.push({ kind: "personalManager", name: null, status: "noManager" });
        return { kind: "unavailable" };
      }
      const workplaceId = manager.workplaceId;
      if (!workplaceId || !snapshot.workplaces.has(workplaceId)) {
        steps.push({ kind: "personalManager", name: manager.name, status: "noWorkplace" });
        return { kind: "unavailable" };
      }
      const status = userStatus(snapshot, manager, workplaceId);
      steps.push({ kind: "personalManager", name: manager.name, status });
      return status === "available"
        ? { kind: "target", target: workplaceTarget(snapshot, workplaceId) }
        : { kind: "unavailable" };
    }
    case "crm":
      return tryCrm(snapshot, deps.crm, steps);
    case "group": {
      const group = action.name || "—";
      const chosen = pickFromGroup(snapshot, deps, cursorKey, action.workplaceIds, action.strategy);
      if (!chosen) {
        steps.push({ kind: "groupEmpty", group, strategy: action.strategy });
        return { kind: "unavailable" };
      }
      steps.push({
        kind: "groupPick",
        group,
        strategy: action.strategy,
        name: displayName(snapshot, chosen),
      });
      return { kind: "target", target: workplaceTarget(snapshot, chosen) };
    }
  }
}

const E164 = /^\+[1-9]\d{7,14}$/;

// The CRM named a manager, a workplace or a number: resolved against the snapshot like the
// other actions, so an offline or busy manager still takes the fallbacks.
function tryCrm(snapshot: RoutingSnapshot, answer: CrmAnswer | undefined, steps: RoutingStep[]) {
  const step = (
    result: Extract<RoutingStep, { kind: "crm" }>["result"],
    extra: { answer?: string | null; status?: TargetStatus | null; detail?: string | null } = {},
  ) =>
    steps.push({
      kind: "crm",
      result,
      ms: Math.round(answer?.ms ?? 0),
      answer: extra.answer ?? null,
      status: extra.status ?? null,
      detail: extra.detail ?? null,
    });
  const unavailable: Attempt = { kind: "unavailable" };
  if (!answer) {
    step("error", { detail: "not asked" });
    return unavailable;
  }
  if (answer.status !== "answered") {
    step(answer.status, { detail: answer.message ?? null });
    return unavailable;
  }
  const named = answer.managerEmail ?? answer.workplaceId ?? answer.number ?? null;
  let workplaceId: string | undefined;
  if (answer.managerEmail) {
    const userId = snapshot.userIdsByEmail?.get(answer.managerEmail.trim().toLowerCase());
    const user = userId ? snapshot.users.get(userId) : undefined;
    workplaceId = user?.workplaceId ?? undefined;
  } else if (answer.workplaceId) {
    workplaceId = snapshot.workplacesByExternalId?.get(answer.workplaceId)?.id;
  } else if (answer.number && E164.test(answer.number)) {
    step("answered", { answer: answer.number, status: "available" });
    return { kind: "target", target: { kind: "number", number: answer.number } } as const;
  }
  if (!workplaceId || !snapshot.workplaces.has(workplaceId)) {
    step("unknown", { answer: named });
    return unavailable;
  }
  const status = workplaceStatus(snapshot, workplaceId);
  step("answered", { answer: displayName(snapshot, workplaceId), status });
  return status === "available"
    ? ({ kind: "target", target: workplaceTarget(snapshot, workplaceId) } as const)
    : unavailable;
}

/** The rule that will decide this call, if it asks the CRM: the time budget to ask it in. */
export function crmBudgetOf(
  snapshot: RoutingSnapshot,
  call: RoutingCall,
  now: Date,
): number | null {
  const client = snapshot.findClient(call.from);
  const local = localTime(now, snapshot.timeZone);
  for (const rule of snapshot.rules) {
    if (!rule.isEnabled || conditionsFail(rule.conditions, call, client, local)) continue;
    const asks = [rule.action, ...rule.fallbacks].find((a) => a.kind === "crm");
    return asks?.kind === "crm" ? asks.timeoutMs : null;
  }
  return null;
}

/**
 * The first enabled rule whose conditions match decides: its action, then each fallback in turn
 * while the target is offline, on a break or on a call. Nothing matching, or an exhausted
 * chain, releases the call to the PBX's standard route.
 */
export function decide(
  snapshot: RoutingSnapshot,
  call: RoutingCall,
  now: Date,
  deps: EngineDeps,
): RoutingResult {
  const steps: RoutingStep[] = [];
  const client = snapshot.findClient(call.from);
  const local = localTime(now, snapshot.timeZone);
  if (snapshot.rules.length === 0) steps.push({ kind: "noRules" });
  for (const rule of snapshot.rules) {
    if (!rule.isEnabled) {
      steps.push({ kind: "ruleDisabled", rule: rule.name });
      continue;
    }
    const why = conditionsFail(rule.conditions, call, client, local);
    if (why) {
      steps.push({ kind: "ruleSkipped", rule: rule.name, reason: why });
      continue;
    }
    steps.push({ kind: "ruleMatched", rule: rule.name });
    const chain = [rule.action, ...rule.fallbacks];
    for (const [index, action] of chain.entries()) {
      if (index > 0) steps.push({ kind: "fallback", index });
      const attempt = tryAction(snapshot, deps, action, client, `${rule.id}:${index}`, steps);
      const base = { ruleId: rule.id, ruleName: rule.name, steps };
      if (attempt.kind === "release") return { ...base, outcome: "RELEASE", target: null };
      if (attempt.kind === "target") {
        const outcome = attempt.target.kind === "number" ? "TRANSFER_NUMBER" : "TRANSFER_WORKPLACE";
        return { ...base, outcome, target: attempt.target };
      }
    }
    steps.push({ kind: "release", reason: "exhausted" });
    return { outcome: "RELEASE", target: null, ruleId: rule.id, ruleName: rule.name, steps };
  }
  steps.push({ kind: "release", reason: "noMatch" });
  return { outcome: "RELEASE", target: null, ruleId: null, ruleName: null, steps };
}
