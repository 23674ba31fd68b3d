import type { Prisma } from "@/server/db";

export const clientListSelect = {
  id: true,
  name: true,
  company: true,
  email: true,
  tags: true,
  isVip: true,
  archivedAt: true,
  personalManager: { select: { id: true, name: true } },
  phones: { select: { e164: true, label: true }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.ClientSelect;

export const clientDetailSelect = {
  ...clientListSelect,
  notes: true,
  createdAt: true,
  updatedAt: true,
  personalManagerId: true,
  phones: { select: { id: true, e164: true, label: true }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.ClientSelect;

export const assignmentSelect = {
  id: true,
  createdAt: true,
  reason: true,
  restoreAt: true,
  restoredAt: true,
  fromManager: { select: { id: true, name: true } },
  toManager: { select: { id: true, name: true } },
  changedBy: { select: { id: true, name: true } },
} satisfies Prisma.ClientAssignmentSelect;

export const clientCallSelect = {
  id: true,
  direction: true,
  fromNumber: true,
  toNumber: true,
  state: true,
  result: true,
  startedAt: true,
  talkSec: true,
  durationSec: true,
  hasRecording: true,
  manager: { select: { id: true, name: true } },
} satisfies Prisma.CallSelect;

export const clientTaskSelect = {
  id: true,
  kind: true,
  note: true,
  phone: true,
  status: true,
  dueAt: true,
  createdAt: true,
  assignee: { select: { id: true, name: true } },
} satisfies Prisma.TaskSelect;
