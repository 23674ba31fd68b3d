import { randomUUID } from "node:crypto";
import type { SaveScorecardInput } from "@/lib/schemas/quality";
import type { Role } from "@/lib/schemas/users";
import { getDb } from "@/server/db";
import type { Actor } from "@/server/policy/actor";
import { actorOf } from "@/server/testing/actors";

// Rows for the quality integration tests: people and answered, recorded calls written directly
// (ingest has its own suites; here only the call's facts matter).

export async function makePerson(tenantId: string, role: Role, name: string): Promise<Actor> {
  const user = await getDb().user.create({
    data: { tenantId, role, name, email: `${randomUUID()}@quality.test`, status: "ACTIVE" },
    select: { id: true },
  });
  return actorOf(tenantId, user.id, role);
}

export async function makeCall(
  tenantId: string,
  managerId: string | null,
  opts: {
    startedAt?: Date;
    talkSec?: number;
    durationSec?: number;
    hasRecording?: boolean;
    answered?: boolean;
  } = {},
): Promise<string> {
  const startedAt = opts.startedAt ?? new Date(Date.now() - 3600_000);
  const talkSec = opts.talkSec ?? 60;
  const durationSec = opts.durationSec ?? talkSec + 10;
  const isAnswered = opts.answered ?? true;
  const call = await getDb().call.create({
    data: {
      tenantId,
      externalId: randomUUID(),
      direction: "IN",
      fromNumber: "+79001112233",
      toNumber: "+74950000001",
      state: "ENDED",
      result: isAnswered ? "ANSWERED" : "MISSED",
      startedAt,
      answeredAt: isAnswered ? new Date(startedAt.getTime() + 10_000) : null,
      endedAt: new Date(startedAt.getTime() + durationSec * 1000),
      durationSec,
      talkSec: isAnswered ? talkSec : 0,
      managerId,
      hasRecording: opts.hasRecording ?? true,
      lastEventAt: startedAt,
    },
    select: { id: true },
  });
  return call.id;
}

export const card = (name: string, passThreshold = 80): Omit<SaveScorecardInput, "templateId"> => ({
  name,
  passThreshold,
  content: {
    sections: [
      {
        id: "open",
        title: "Opening",
        criteria: [
          { id: "greet", title: "Greets", kind: "yesNo" as const, weight: 20 },
          {
            id: "name",
            title: "Company name",
            kind: "yesNo" as const,
            weight: 20,
            isCritical: true,
          },
        ],
      },
      {
        id: "sell",
        title: "Offer",
        criteria: [{ id: "offer", title: "Offer", kind: "scale" as const, weight: 60 }],
      },
    ],
  },
});
