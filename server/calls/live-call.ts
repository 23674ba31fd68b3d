import type { Prisma } from "@/server/db";
import { reasonSteps, type RoutingStep, type StoredRoutingOutcome } from "@/lib/schemas/routing";

export const liveCallSelect = {
  id: true,
  externalId: true,
  direction: true,
  fromNumber: true,
  toNumber: true,
  state: true,
  result: true,
  startedAt: true,
  ringingAt: true,
  answeredAt: true,
  endedAt: true,
  isClickToCall: true,
  managerId: true,
  // Bumped by every fold write: the board keeps whichever of a refetch and a push is newer.
  foldVersion: true,
  workplace: { select: { id: true, name: true } },
  manager: { select: { id: true, name: true } },
  client: { select: { id: true, name: true, company: true, isVip: true } },
  routingDecision: { select: { outcome: true, explanation: true } },
} satisfies Prisma.CallSelect;

type LiveCallRow = Prisma.CallGetPayload<{ select: typeof liveCallSelect }>;

/** Why a parked call went where it did (server/routing), for the board. */
export type LiveRouting = { outcome: StoredRoutingOutcome; steps: RoutingStep[] };

export type LiveCall = Omit<LiveCallRow, "managerId" | "routingDecision"> & {
  numberLabel: string | null;
  routing: LiveRouting | null;
};

/**
 * A call as pushed to browsers: with the PBX notification ids folded into it since the previous
 * push to the same room, so a push can be traced to the event that caused it.
 */
export type PushedCall = LiveCall & { eventIds: string[] };

/**
 * A call in a supervisors' frame that only carries what changed since the push of `baseVersion`
 * (the same instance's previous one): apply it to a copy at exactly that version, else refetch.
 */
export type PushedCallPatch = Partial<LiveCall> &
  Pick<LiveCall, "id" | "foldVersion"> & { baseVersion: number; eventIds: string[] };

export function toLiveCall(row: LiveCallRow, numberLabels: Map<string, string | null>): LiveCall {
  const { managerId: _managerId, routingDecision, ...call } = row;
  const dialed = call.direction === "IN" ? call.toNumber : call.fromNumber;
  const routing = routingDecision
    ? {
        outcome: routingDecision.outcome,
        steps: reasonSteps(routingDecision.explanation as unknown as RoutingStep[]),
      }
    : null;
  return { ...call, numberLabel: numberLabels.get(dialed) ?? null, routing };
}

/**
 * The board's fields of one call (alias c) in plain SQL, for the per-event push: correlated
 * subqueries, so it also fits an UPDATE … RETURNING. Same shape as liveCallSelect, except that
 * fold_version comes as "version": the fold's own statements select it as "foldVersion".
 */
export const LIVE_CALL_COLUMNS = `c.id, c.external_id AS "externalId", c.direction,
  c.from_number AS "fromNumber", c.to_number AS "toNumber", c.state, c.result,
  c.started_at AS "startedAt", c.ringing_at AS "ringingAt", c.answered_at AS "answeredAt",
  c.ended_at AS "endedAt", c.is_click_to_call AS "isClickToCall", c.manager_id AS "managerId",
  c.fold_version AS "version",
  (SELECT json_build_object('id', w.id, 'name', w.name) FROM workplaces w
    WHERE w.id = c.workplace_id) AS workplace,
  (SELECT json_build_object('id', m.id, 'name', m.name) FROM users m
    WHERE m.id = c.manager_id) AS manager,
  (SELECT json_build_object('id', cl.id, 'name', cl.name, 'company', cl.company, 'isVip', cl.is_vip)
    FROM clients cl WHERE cl.id = c.client_id) AS client,
  (SELECT json_build_object('outcome', rd.outcome, 'explanation', rd.explanation)
    FROM routing_decisions rd WHERE rd.call_id = c.id) AS "routingDecision",
  (SELECT n.label FROM pbx_numbers n
    WHERE n.tenant_id = c.tenant_id
      AND n.e164 = CASE WHEN c.direction = 'IN' THEN c.to_number ELSE c.from_number END
    ORDER BY n.archived_at DESC NULLS FIRST LIMIT 1) AS "numberLabel"`;

export type LiveCallSqlRow = Omit<LiveCallRow, "foldVersion"> & {
  numberLabel: string | null;
  version: number;
};

export function liveCallFromSql(row: LiveCallSqlRow): LiveCall {
  const { numberLabel, version, ...call } = row;
  const dialed = call.direction === "IN" ? call.toNumber : call.fromNumber;
  return toLiveCall({ ...call, foldVersion: version }, new Map([[dialed, numberLabel]]));
}
