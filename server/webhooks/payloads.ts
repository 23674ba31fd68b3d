// Facts (facts.ts) → the `data` of each event (payload-schemas.ts), with a handful of batched
// lookups per job: people, workplaces, clients, routing decisions, tasks, recordings.
import { explanationSteps } from "@/server/calls/detail";
import { getConfig } from "@/server/config";
import { getDb } from "@/server/db";
import {
  RECORDING_SLOT,
  sequenceOf,
  type CallFact,
  type CallSnapshot,
  type WebhookFact,
} from "@/server/webhooks/facts";
import type { WebhookCall, WebhookPerson, WebhookTask } from "@/server/webhooks/payload-schemas";

export type BuiltEvent = { type: string; at: string; data: Record<string, unknown> };

const lower = <T extends string>(value: T) => value.toLowerCase() as Lowercase<T>;
const secondsBetween = (from: string, to: string | null) =>
  to === null ? null : Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

type Lookups = Awaited<ReturnType<typeof loadLookups>>;

async function loadLookups(tenantId: string, facts: WebhookFact[]) {
  const db = getDb();
  const calls = facts.filter((f): f is CallFact => f.kind === "call").map((f) => f.call);
  const taskIds = facts.flatMap((f) => (f.kind === "task" ? [f.taskId] : []));
  const recordingIds = facts.flatMap((f) => (f.kind === "recording" ? [f.recordingId] : []));
  const [tasks, recordings, decisions] = await Promise.all([
    db.task.findMany({ where: { tenantId, id: { in: taskIds } } }),
    db.recording.findMany({
      where: { tenantId, id: { in: recordingIds } },
      select: {
        id: true,
        call: { select: { id: true, externalId: true, foldVersion: true } },
        files: { orderBy: { index: "asc" }, select: { format: true, durationSec: true } },
      },
    }),
    db.routingDecision.findMany({
      where: { tenantId, callId: { in: calls.map((c) => c.id) } },
      select: {
        callId: true,
        outcome: true,
        targetNumber: true,
        explanation: true,
        ruleId: true,
        targetWorkplace: { select: { externalId: true } },
      },
    }),
  ]);
  const clientFacts = facts.flatMap((f) => (f.kind === "client" ? [f] : []));
  const userIds = [
    ...calls.map((c) => c.managerId),
    ...tasks.map((t) => t.assigneeId),
    ...clientFacts.flatMap((f) => [f.managerId, f.previousManagerId]),
  ].filter((id): id is string => id !== null);
  const clientIds = [...calls.map((c) => c.clientId), ...clientFacts.map((f) => f.clientId)].filter(
    (id): id is string => id !== null,
  );
  const [users, workplaces, clients] = await Promise.all([
    db.user.findMany({
      where: { tenantId, id: { in: [...new Set(userIds)] } },
      select: { id: true, email: true, name: true, workplace: { select: { externalId: true } } },
    }),
    db.workplace.findMany({
      where: {
        tenantId,
        id: { in: calls.flatMap((c) => (c.workplaceId ? [c.workplaceId] : [])) },
      },
      select: { id: true, externalId: true },
    }),
    db.client.findMany({
      where: { tenantId, id: { in: [...new Set(clientIds)] } },
      select: { id: true, name: true, phones: { select: { e164: true } } },
    }),
  ]);
  return {
    users: new Map(users.map((u) => [u.id, u])),
    workplaces: new Map(workplaces.map((w) => [w.id, w.externalId])),
    clients: new Map(clients.map((c) => [c.id, c])),
    decisions: new Map(decisions.map((d) => [d.callId, d])),
    tasks: new Map(tasks.map((t) => [t.id, t])),
    recordings: new Map(recordings.map((r) => [r.id, r])),
  };
}

function person(lookups: Lookups, userId: string | null): WebhookPerson | null {
  const user = userId ? lookups.users.get(userId) : undefined;
  if (!user) return null;
  return { email: user.email, name: user.name, workplaceId: user.workplace?.externalId ?? null };
}

const outcomes = {
  TRANSFER_WORKPLACE: "transfer_workplace",
  TRANSFER_NUMBER: "transfer_number",
  RELEASE: "release",
  TIMEOUT: "timeout",
  ERROR: "error",
} as const;

function callOf(lookups: Lookups, call: CallSnapshot): WebhookCall {
  const client = call.clientId ? lookups.clients.get(call.clientId) : undefined;
  const decision = lookups.decisions.get(call.id);
  return {
    id: call.id,
    callId: call.externalId,
    direction: lower(call.direction),
    state: lower(call.state),
    from: call.from,
    to: call.to,
    startedAt: call.startedAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    result: call.result ? lower(call.result) : null,
    durationSec: secondsBetween(call.startedAt, call.endedAt),
    waitSec: secondsBetween(call.startedAt, call.answeredAt),
    talkSec: call.talkSec,
    isClickToCall: call.isClickToCall,
    isEndReported: call.isEndReported,
    manager: person(lookups, call.managerId),
    client: client ? { id: client.id, name: client.name } : null,
    routing: decision
      ? {
          outcome: outcomes[decision.outcome],
          target: decision.targetWorkplace?.externalId ?? decision.targetNumber ?? null,
          explanation: explanationSteps(decision.explanation),
          ruleId: decision.ruleId,
        }
      : null,
  };
}

function taskOf(lookups: Lookups, taskId: string): WebhookTask | null {
  const task = lookups.tasks.get(taskId);
  if (!task) return null;
  return {
    id: task.id,
    kind: lower(task.kind),
    status: lower(task.status),
    phone: task.phone,
    note: task.note,
    clientId: task.clientId,
    callId: task.callId,
    assignee: person(lookups, task.assigneeId),
    dueAt: task.dueAt?.toISOString() ?? null,
    createdAt: task.createdAt.toISOString(),
    closedAt: task.closedAt?.toISOString() ?? null,
    closedByCallId: task.closedByCallId,
  };
}

function dataOf(lookups: Lookups, fact: WebhookFact): Record<string, unknown> | null {
  switch (fact.kind) {
    case "call": {
      const data = { sequence: fact.sequence, call: callOf(lookups, fact.call) };
      if (fact.type !== "call.ringing") return data;
      const workplaceId = fact.call.workplaceId
        ? (lookups.workplaces.get(fact.call.workplaceId) ?? null)
        : null;
      return { ...data, workplaceId, manager: data.call.manager };
    }
    case "task": {
      const task = taskOf(lookups, fact.taskId);
      return task ? { task } : null;
    }
    case "client": {
      const client = lookups.clients.get(fact.clientId);
      if (!client) return null;
      return {
        client: { id: client.id, name: client.name, phones: client.phones.map((p) => p.e164) },
        manager: person(lookups, fact.managerId),
        previousManager: person(lookups, fact.previousManagerId),
        until: fact.until,
      };
    }
    case "recording": {
      const recording = lookups.recordings.get(fact.recordingId);
      if (!recording) return null;
      const durations = recording.files.map((f) => f.durationSec);
      return {
        sequence: sequenceOf(recording.call.foldVersion, RECORDING_SLOT),
        call: { id: recording.call.id, callId: recording.call.externalId },
        recording: {
          id: recording.id,
          durationSec: durations.some((d) => d === null)
            ? null
            : durations.reduce<number>((sum, d) => sum + (d ?? 0), 0),
          format: recording.files[0]?.format ?? null,
          files: recording.files.length,
          url: `${getConfig().publicUrl}/api/v1/recordings/${recording.id}`,
        },
      };
    }
  }
}

/** Each fact's event; a fact whose subject is gone by now (deleted) is dropped. */
export async function buildEvents(tenantId: string, facts: WebhookFact[]): Promise<BuiltEvent[]> {
  if (facts.length === 0) return [];
  const lookups = await loadLookups(tenantId, facts);
  return facts.flatMap((fact) => {
    const data = dataOf(lookups, fact);
    return data ? [{ type: fact.type, at: fact.at, data }] : [];
  });
}
