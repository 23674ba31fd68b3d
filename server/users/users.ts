import type { InviteUserInput, UpdateUserInput } from "@/lib/schemas/users";
import { writeAudit } from "@/server/audit/audit";
import { generateToken, hashToken } from "@/server/crypto/tokens";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { Prisma } from "@/server/generated/prisma/client";
import { closeUserSockets } from "@/server/realtime/io";
import { isAdminRole } from "@/lib/roles";
import type { Actor } from "@/server/policy/actor";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const userListSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  status: true,
  lastLoginAt: true,
  createdAt: true,
  inviteExpiresAt: true,
  workplace: { select: { id: true, name: true } },
} satisfies Prisma.UserSelect;

export async function listUsers(tenantId: string) {
  return getDb().user.findMany({
    where: { tenantId },
    select: userListSelect,
    orderBy: [{ status: "asc" }, { name: "asc" }],
  });
}

function newInvite(publicUrl: string) {
  const token = generateToken();
  return {
    token,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + INVITE_TTL_MS),
    url: `${publicUrl}/invite/${token}`,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function inviteUser(actor: Actor, input: InviteUserInput, publicUrl: string) {
  const invite = newInvite(publicUrl);
  try {
    const user = await getDb().$transaction(async (tx) => {
      const created = await tx.user.create({
        data: {
          tenantId: actor.tenantId,
          email: input.email,
          name: input.name,
          role: input.role,
          status: "INVITED",
          inviteTokenHash: invite.tokenHash,
          inviteExpiresAt: invite.expiresAt,
        },
        select: { id: true },
      });
      await writeAudit(tx, {
        tenantId: actor.tenantId,
        actorUserId: actor.userId,
        action: "user.invite",
        targetType: "user",
        targetId: created.id,
        data: { email: input.email, role: input.role },
        ip: actor.ip,
      });
      return created;
    });
    return { userId: user.id, inviteUrl: invite.url, expiresAt: invite.expiresAt };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("EMAIL_TAKEN", `A user with the email ${input.email} already exists`);
    }
    throw error;
  }
}

async function findTenantUser(tx: Prisma.TransactionClient, tenantId: string, userId: string) {
  const user = await tx.user.findFirst({
    where: { id: userId, tenantId },
    select: { id: true, role: true, status: true, name: true, email: true },
  });
  if (!user) throw new AppError("NOT_FOUND", "User not found");
  return user;
}

async function countOtherActiveAdmins(
  tx: Prisma.TransactionClient,
  tenantId: string,
  userId: string,
) {
  return tx.user.count({
    where: { tenantId, role: "ADMIN", status: "ACTIVE", id: { not: userId } },
  });
}

export async function updateUser(actor: Actor, input: UpdateUserInput) {
  const { updated, roleChanged } = await getDb().$transaction(async (tx) => {
    const user = await findTenantUser(tx, actor.tenantId, input.userId);
    const isDemotingAdmin =
      isAdminRole(user.role) && input.role !== undefined && !isAdminRole(input.role);
    if (isDemotingAdmin && (await countOtherActiveAdmins(tx, actor.tenantId, user.id)) === 0) {
      throw new AppError("LAST_ADMIN", "The company must keep at least one active administrator");
    }
    const updated = await tx.user.update({
      where: { id: user.id },
      // No session revocation needed: every request re-reads the role from the database.
      data: { name: input.name, role: input.role },
      select: userListSelect,
    });
    const roleChanged = updated.role !== user.role;
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "user.update",
      targetType: "user",
      targetId: user.id,
      data: {
        before: { name: user.name, role: user.role },
        after: { name: updated.name, role: updated.role },
      },
      ip: actor.ip,
    });
    return { updated, roleChanged };
  });
  // Sockets are different: they joined the rooms of the role they were opened with.
  if (roleChanged) closeUserSockets(updated.id, { sessionEnded: false });
  return updated;
}

export async function setUserStatus(actor: Actor, userId: string, status: "ACTIVE" | "DISABLED") {
  if (userId === actor.userId) {
    throw new AppError("SELF_ACTION", "You cannot change the status of your own account");
  }
  const updated = await getDb().$transaction(async (tx) => {
    const user = await findTenantUser(tx, actor.tenantId, userId);
    if (
      status === "DISABLED" &&
      isAdminRole(user.role) &&
      (await countOtherActiveAdmins(tx, actor.tenantId, user.id)) === 0
    ) {
      throw new AppError("LAST_ADMIN", "The company must keep at least one active administrator");
    }
    if (status === "ACTIVE" && user.status === "INVITED") {
      throw new AppError("CONFLICT", "An invited user becomes active by accepting the invitation");
    }
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { status, sessionVersion: { increment: 1 } },
      select: userListSelect,
    });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: status === "DISABLED" ? "user.disable" : "user.enable",
      targetType: "user",
      targetId: user.id,
      ip: actor.ip,
    });
    return updated;
  });
  if (status === "DISABLED") closeUserSockets(updated.id, { sessionEnded: true });
  return updated;
}

export async function regenerateInvite(actor: Actor, userId: string, publicUrl: string) {
  const invite = newInvite(publicUrl);
  await getDb().$transaction(async (tx) => {
    const user = await findTenantUser(tx, actor.tenantId, userId);
    if (user.status !== "INVITED") {
      throw new AppError("CONFLICT", "This user has already accepted the invitation");
    }
    await tx.user.update({
      where: { id: user.id },
      data: { inviteTokenHash: invite.tokenHash, inviteExpiresAt: invite.expiresAt },
    });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "user.invite.regenerate",
      targetType: "user",
      targetId: user.id,
      ip: actor.ip,
    });
  });
  return { inviteUrl: invite.url, expiresAt: invite.expiresAt };
}

/** Calls delivered to a workplace are attributed to the user linked to it (one each way). */
export async function linkWorkplace(actor: Actor, userId: string, workplaceId: string | null) {
  return getDb().$transaction(async (tx) => {
    const user = await findTenantUser(tx, actor.tenantId, userId);
    if (workplaceId) {
      const workplace = await tx.workplace.findFirst({
        where: { id: workplaceId, tenantId: actor.tenantId },
        select: {
          id: true,
          name: true,
          archivedAt: true,
          user: { select: { id: true, name: true } },
        },
      });
      if (!workplace) throw new AppError("NOT_FOUND", "Workplace not found");
      if (workplace.archivedAt)
        throw new AppError(
          "CONFLICT",
          `The workplace ${workplace.name} no longer exists on the PBX`,
        );
      if (workplace.user && workplace.user.id !== user.id) {
        throw new AppError(
          "CONFLICT",
          `The workplace ${workplace.name} is already linked to ${workplace.user.name}`,
        );
      }
    }
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { workplaceId },
      select: userListSelect,
    });
    await writeAudit(tx, {
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      action: "user.workplace.link",
      targetType: "user",
      targetId: user.id,
      data: { workplaceId },
      ip: actor.ip,
    });
    return updated;
  });
}
