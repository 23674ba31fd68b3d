import { isAdminRole, isStaffRole } from "@/lib/roles";
import type { Prisma } from "@/server/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/policy/actor";

// What an actor may see and do. Role checks and visibility filters live here and nowhere else;
// procedure tiers, route handlers, the socket handshake and domain functions ask this module.

export type RoleHolder = Pick<Actor, "role">;

export const canSeeAllCalls = (actor: RoleHolder): boolean => isStaffRole(actor.role);
export const canManageAllClients = (actor: RoleHolder): boolean => isStaffRole(actor.role);
export const canManageTasks = (actor: RoleHolder): boolean => isStaffRole(actor.role);
export const canTransferAnyCall = (actor: RoleHolder): boolean => isStaffRole(actor.role);
export const canRetryRecordings = (actor: RoleHolder): boolean => isAdminRole(actor.role);
/** Supervisors re-run a call's talk analytics (after a failure); its figures follow the recording. */
export const canRerunTalkAnalysis = (actor: RoleHolder): boolean => isStaffRole(actor.role);

/** The procedure tiers: `supervisor` is staff, `admin` is admins alone. */
export const tierAllows = (tier: "supervisor" | "admin", actor: RoleHolder): boolean =>
  tier === "admin" ? isAdminRole(actor.role) : isStaffRole(actor.role);

/** Managers edit the cards of their own clients; staff edit every card. */
export function canEditClient(
  actor: Pick<Actor, "role" | "userId">,
  personalManagerId: string | null,
): boolean {
  return (
    canManageAllClients(actor) || (actor.userId !== null && personalManagerId === actor.userId)
  );
}

/** The user behind an actor, for actions only a person can take (placing a call). */
export function requireUserId(actor: Actor): string {
  if (actor.userId === null) throw new AppError("FORBIDDEN", "Only a signed-in user can do this");
  return actor.userId;
}

/**
 * The calls a manager may open (timeline, recordings): the calls they took, and the calls of a
 * client whose personal manager they were when the call started, from a number that was the
 * client's then (calls.client_manager_id, kept by a database trigger: see the migration
 * call_client_manager). Access never reaches back in time: putting an unowned number on a card of
 * one's own links its earlier calls to the card but shows their timelines and recordings to no
 * one new, and a handover shows the new manager the calls from then on while the previous one
 * keeps the calls of their time. Supervisors and admins see every call of the company.
 */
export const callsOfManager = (userId: string | null): Prisma.CallWhereInput =>
  userId === null ? { OR: [] } : { OR: [{ managerId: userId }, { clientManagerId: userId }] };

/** Every call the actor may open, as a Prisma filter (tenant included). */
export function visibleCalls(
  actor: Pick<Actor, "tenantId" | "role" | "userId">,
): Prisma.CallWhereInput {
  if (canSeeAllCalls(actor)) return { tenantId: actor.tenantId };
  return { tenantId: actor.tenantId, ...callsOfManager(actor.userId) };
}

/** Which recordings an actor may hear: those of the calls they may open, inside their tenant. */
export function visibleRecordings(
  actor: Pick<Actor, "tenantId" | "role" | "userId">,
): Prisma.RecordingWhereInput {
  if (canSeeAllCalls(actor)) return { tenantId: actor.tenantId };
  return { tenantId: actor.tenantId, call: visibleCalls(actor) };
}

/** The same rule as visibleRecordings, for a recording already loaded. */
export function canHearCall(
  actor: Pick<Actor, "role" | "userId">,
  call: { managerId: string | null; clientManagerId: string | null },
): boolean {
  if (canSeeAllCalls(actor)) return true;
  return (
    actor.userId !== null &&
    (call.managerId === actor.userId || call.clientManagerId === actor.userId)
  );
}

/** Scorecards, evaluating calls, the review queue, resolving disputes: staff. */
export const canReviewQuality = (actor: RoleHolder): boolean => isStaffRole(actor.role);

/**
 * The evaluations an actor may read: staff every one of the company, a manager those of their
 * own calls (and only they may acknowledge or dispute them).
 */
export function visibleEvaluations(
  actor: Pick<Actor, "tenantId" | "role" | "userId">,
): Prisma.EvaluationWhereInput {
  if (canReviewQuality(actor)) return { tenantId: actor.tenantId };
  return { tenantId: actor.tenantId, managerId: actor.userId ?? { in: [] } };
}

/** Supervisors retry a failed transcript and delete one; reading follows the recording's rule. */
export const canManageTranscripts = (actor: RoleHolder): boolean => isStaffRole(actor.role);
