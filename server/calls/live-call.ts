import type { Prisma } from "../db";

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
} satisfies Prisma.CallSelect;

type LiveCallRow = Prisma.CallGetPayload<{ select: typeof liveCallSelect }>;

export type LiveCall = Omit<LiveCallRow, "managerId"> & { numberLabel: string | null };

export function toLiveCall(row: LiveCallRow, numberLabels: Map<string, string | null>): LiveCall {
  const { managerId: _managerId, ...call } = row;
  const dialed = call.direction === "IN" ? call.toNumber : call.fromNumber;
  return { ...call, numberLabel: numberLabels.get(dialed) ?? null };
}
