// POST /api/v1/calls: a CRM's click-to-call. The PBX rings the manager's workplace first and
// dials the client once they answer (the same two-leg makeCall as the console's button,
// server/calls/control.ts); the answer carries the PBX's call id, which the call's webhooks and
// /api/v1/calls then show as callId. The PBX's refusals become documented API errors.
import type { z } from "zod";
import { failureOf, MAKE_CALL_INTERVAL_MS } from "@/server/calls/control";
import { getDb } from "@/server/db";
import { getMttClient } from "@/server/integrations/mtt-client";
import { log } from "@/server/logger";
import { ApiError } from "@/server/api-v1/errors";
import type { ApiContext } from "@/server/api-v1/handler";
import type { placeCallBody, placedCallSchema } from "@/server/api-v1/schemas";

type Body = z.output<typeof placeCallBody>;
type Placed = z.input<typeof placedCallSchema>;

async function findWorkplace(tenantId: string, body: Body) {
  const db = getDb();
  if (body.managerEmail) {
    const user = await db.user.findFirst({
      where: { tenantId, email: body.managerEmail, status: "ACTIVE" },
      select: { email: true, workplace: { select: { externalId: true, archivedAt: true } } },
    });
    if (!user)
      throw new ApiError("NOT_FOUND", "No active user with this email in your organization", {
        reason: "manager_not_found",
      });
    if (!user.workplace || user.workplace.archivedAt)
      throw new ApiError("CONFLICT", "This manager has no PBX workplace to ring", {
        reason: "no_workplace",
      });
    return { externalId: user.workplace.externalId, managerEmail: user.email };
  }
  const workplace = await db.workplace.findFirst({
    where: { tenantId, externalId: body.workplaceId ?? "", archivedAt: null },
    select: { externalId: true, user: { select: { email: true } } },
  });
  if (!workplace)
    throw new ApiError("NOT_FOUND", "No such PBX workplace in your organization", {
      reason: "workplace_not_found",
    });
  return { externalId: workplace.externalId, managerEmail: workplace.user?.email ?? null };
}

const pbxErrors = {
  workplace_unknown: ["NOT_FOUND", "The PBX does not know this workplace"],
  invalid_number: ["VALIDATION", "The PBX refused the number"],
  refused: ["CONFLICT", "The PBX refused the call"],
  unreachable: [
    "UNAVAILABLE",
    "The PBX did not answer in time; the phone may still ring, do not retry at once",
  ],
  not_connected: ["UNAVAILABLE", "Your organization's PBX is not connected"],
  not_active: ["CONFLICT", "The PBX refused the call"],
} as const;

export async function placeApiCall(ctx: ApiContext, body: Body): Promise<Placed> {
  const { tenantId } = ctx.actor;
  const db = getDb();
  const workplace = await findWorkplace(tenantId, body);
  const integration = await db.mttIntegration.findUnique({
    where: { tenantId },
    select: { status: true },
  });
  if (integration?.status !== "CONNECTED")
    throw new ApiError("UNAVAILABLE", pbxErrors.not_connected[1], { reason: "not_connected" });
  // One call per workplace per few seconds: a CRM retrying a slow answer must not ring twice.
  const auditId = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`make-call:wp:${tenantId}:${workplace.externalId}`}))) AS l`;
    const recent = await tx.auditLog.findFirst({
      where: {
        tenantId,
        action: "call.click_to_call",
        targetType: "workplace",
        targetId: workplace.externalId,
        createdAt: { gt: new Date(Date.now() - MAKE_CALL_INTERVAL_MS) },
      },
      select: { id: true },
    });
    if (recent)
      throw new ApiError(
        "RATE_LIMITED",
        "A call from this workplace was placed a moment ago",
        { reason: "too_fast" },
        { "Retry-After": String(Math.ceil(MAKE_CALL_INTERVAL_MS / 1000)) },
      );
    const audit = await tx.auditLog.create({
      data: {
        tenantId,
        action: "call.click_to_call",
        targetType: "workplace",
        targetId: workplace.externalId,
        data: { phone: body.to, apiKeyId: ctx.principal.apiKeyId, outcome: "pending" },
        ip: ctx.ip,
      },
      select: { id: true },
    });
    return audit.id;
  });
  let outcome: string;
  try {
    const client = await getMttClient(tenantId);
    const { callId } = await client.makeCall({ workplaceId: workplace.externalId, to: body.to });
    outcome = "placed";
    await recordOutcome(auditId, body, ctx, outcome, callId);
    return {
      callId,
      workplaceId: workplace.externalId,
      managerEmail: workplace.managerEmail,
      to: body.to,
    };
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const reason = failureOf(error);
    log.warn("API makeCall failed", { tenantId, reason, error });
    await recordOutcome(auditId, body, ctx, reason, null);
    const [code, message] = pbxErrors[reason];
    throw new ApiError(code, message, { reason });
  }
}

function recordOutcome(
  auditId: string,
  body: Body,
  ctx: ApiContext,
  outcome: string,
  pbxCallId: string | null,
) {
  return getDb().auditLog.update({
    where: { id: auditId },
    data: { data: { phone: body.to, apiKeyId: ctx.principal.apiKeyId, outcome, pbxCallId } },
  });
}
