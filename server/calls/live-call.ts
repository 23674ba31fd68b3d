import type { Prisma } from "../db";
import {
  reasonSteps,
  type RoutingStep,
  type StoredRoutingOutcome,
} from "../../lib/schemas/routing";

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
