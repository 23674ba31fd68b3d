import type { Prisma } from "@/server/db";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { parseNotification } from "@/server/mtt/notifications";
import type { MttNotification } from "@/server/mtt/types";
import { companyNumberOf, pbxNumberLabels, waitSeconds } from "@/server/calls/history";
import { parseExplanation } from "@/lib/schemas/routing-steps";
import type { Actor } from "@/server/policy/actor";
import { visibleCalls } from "@/server/policy/policy";
import { CLOSED_ID_PREFIX } from "@/server/calls/fold";

type WorkplaceRef = { name: string; person: string | null } | null;

/** One CallEvent as the timeline shows it: PBX ids already turned into our names. */
export type TimelineBody =
  | {
      kind: "started";
      direction: "IN" | "OUT";
      from: string;
      to: string;
      isParked: boolean;
      workplace: WorkplaceRef;
    }
  | { kind: "delivered"; workplace: WorkplaceRef }
  | {
      kind: "redirected";
      reason: "noAnswer" | "busy" | "transfer" | "unavailable";
      from: WorkplaceRef;
      toWorkplace: WorkplaceRef;
      toNumber: string | null;
    }
  | { kind: "answered"; party: "workplace" | "remote"; workplace: WorkplaceRef }
  | {
      kind: "ended";
      result: "answered" | "missed" | "busy" | "failed";
      durationSec: number;
      talkSec: number;
      /** Pult closed the call: the PBX never reported this end (server/calls/fold.ts). */
      isMadeUp: boolean;
    }
  | { kind: "recordingReady"; fileCount: number }
  | { kind: "other"; type: string };
export type TimelineItem = { id: string; occurredAt: Date; receivedAt: Date } & TimelineBody;

const detailSelect = {
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
  durationSec: true,
  talkSec: true,
  isClickToCall: true,
  hasRecording: true,
  endReported: true,
  client: {
    select: {
      id: true,
      name: true,
      company: true,
      isVip: true,
      personalManager: { select: { id: true, name: true } },
    },
  },
  manager: { select: { id: true, name: true } },
  workplace: { select: { id: true, name: true, extension: true } },
  events: {
    select: { id: true, type: true, occurredAt: true, receivedAt: true, payload: true },
    orderBy: [{ occurredAt: "asc" }, { receivedAt: "asc" }],
  },
  routingDecision: {
    select: {
      outcome: true,
      explanation: true,
      decidedInMs: true,
      targetNumber: true,
      createdAt: true,
      rule: { select: { id: true, name: true } },
      targetWorkplace: { select: { id: true, name: true } },
    },
  },
  recordings: {
    select: {
      id: true,
      status: true,
      error: true,
      createdAt: true,
      files: { select: { durationSec: true } },
    },
    orderBy: { createdAt: "asc" },
  },
} satisfies Prisma.CallSelect;

function workplaceIdsOf(n: MttNotification): string[] {
  switch (n.type) {
    case "callStarted":
      return n.data.workplaceId ? [n.data.workplaceId] : [];
    case "callDelivered":
    case "callAnswered":
      return [n.data.workplaceId];
    case "callRedirected":
      return [
        n.data.fromWorkplaceId,
        ...("workplaceId" in n.data.to ? [n.data.to.workplaceId] : []),
      ];
    default:
      return [];
  }
}

function describeEvent(
  n: MttNotification | null,
  type: string,
  workplace: (externalId: string | undefined) => WorkplaceRef,
): TimelineBody {
  switch (n?.type) {
    case "callStarted":
      return {
        kind: "started",
        direction: n.data.direction === "incoming" ? "IN" : "OUT",
        from: n.data.from,
        to: n.data.to,
        isParked: n.data.parked,
        workplace: workplace(n.data.workplaceId),
      };
    case "callDelivered":
      return { kind: "delivered", workplace: workplace(n.data.workplaceId) };
    case "callRedirected":
      return {
        kind: "redirected",
        reason: n.data.reason,
        from: workplace(n.data.fromWorkplaceId),
        toWorkplace: "workplaceId" in n.data.to ? workplace(n.data.to.workplaceId) : null,
        toNumber: "number" in n.data.to ? n.data.to.number : null,
      };
    case "callAnswered":
      return { kind: "answered", party: n.data.party, workplace: workplace(n.data.workplaceId) };
    case "callEnded":
      return {
        kind: "ended",
        result: n.data.result,
        durationSec: n.data.durationSec,
        talkSec: n.data.talkSec,
        isMadeUp: n.id.startsWith(CLOSED_ID_PREFIX),
      };
    case "recordingReady":
      return { kind: "recordingReady", fileCount: n.data.files.length };
    default:
      return { kind: "other", type };
  }
}

/** Routing explanations are an ordered list of steps; older or odd shapes still read as text. */
export function explanationSteps(explanation: Prisma.JsonValue): string[] {
  const list = Array.isArray(explanation) ? explanation : explanation == null ? [] : [explanation];
  return list.map((step) => {
    if (typeof step === "string") return step;
    if (step && typeof step === "object" && !Array.isArray(step)) {
      for (const key of ["text", "message", "summary", "reason", "step"]) {
        const value = step[key];
        if (typeof value === "string") return value;
      }
    }
    return JSON.stringify(step);
  });
}

async function loadWorkplaces(tenantId: string, externalIds: string[]) {
  if (externalIds.length === 0) return new Map<string, WorkplaceRef>();
  const rows = await getDb().workplace.findMany({
    where: { tenantId, externalId: { in: [...new Set(externalIds)] } },
    select: { externalId: true, name: true, user: { select: { name: true } } },
  });
  return new Map<string, WorkplaceRef>(
    rows.map((w) => [w.externalId, { name: w.name, person: w.user?.name ?? null }]),
  );
}

/** One call with everything the detail page shows; NOT_FOUND when the viewer may not see it. */
export async function getCallDetail(scope: Actor, callId: string) {
  const call = await getDb().call.findFirst({
    where: { AND: [{ id: callId }, visibleCalls(scope)] },
    select: detailSelect,
  });
  // Same answer for "no such call" and "not yours": existence is not revealed.
  if (!call) throw new AppError("NOT_FOUND", "Call not found");

  const { events, routingDecision, recordings, ...rest } = call;
  const parsed = events.map((event) => {
    const result = parseNotification(JSON.stringify(event.payload));
    return {
      event,
      notification: result.ok && "notification" in result ? result.notification : null,
    };
  });
  const [workplaces, labels, tenant] = await Promise.all([
    loadWorkplaces(
      scope.tenantId,
      parsed.flatMap((p) => (p.notification ? workplaceIdsOf(p.notification) : [])),
    ),
    pbxNumberLabels(scope.tenantId, [companyNumberOf(call)]),
    getDb().tenant.findUniqueOrThrow({
      where: { id: scope.tenantId },
      select: { timeZone: true },
    }),
  ]);
  const workplace = (externalId: string | undefined): WorkplaceRef =>
    externalId ? (workplaces.get(externalId) ?? { name: externalId, person: null }) : null;
  const timeline = parsed.map(({ event, notification }): TimelineItem => ({
    id: event.id,
    occurredAt: event.occurredAt,
    receivedAt: event.receivedAt,
    ...describeEvent(notification, event.type, workplace),
  }));
  return {
    ...rest,
    numberLabel: labels.get(companyNumberOf(call)) ?? null,
    waitSec: waitSeconds(call),
    /** Times are shown in the company's zone, the one the history filters use. */
    timeZone: tenant.timeZone,
    timeline,
    routing: routingDecision
      ? {
          outcome: routingDecision.outcome,
          decidedInMs: routingDecision.decidedInMs,
          decidedAt: routingDecision.createdAt,
          rule: routingDecision.rule,
          targetWorkplace: routingDecision.targetWorkplace,
          targetNumber: routingDecision.targetNumber,
          steps: parseExplanation(routingDecision.explanation),
        }
      : null,
    recordings: recordings.map((r) => ({
      id: r.id,
      status: r.status,
      error: r.error,
      createdAt: r.createdAt,
      fileCount: r.files.length,
      durationSec: r.files.reduce((sum, f) => sum + (f.durationSec ?? 0), 0),
    })),
  };
}
export type CallDetail = Awaited<ReturnType<typeof getCallDetail>>;
