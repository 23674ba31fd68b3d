import type { AcceptInviteInput } from "@/lib/schemas/users";
import { writeAudit } from "@/server/audit/audit";
import { hashPassword } from "@/server/crypto/password";
import { hashToken } from "@/server/crypto/tokens";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { Prisma } from "@/server/generated/prisma/client";

const invalid = () =>
  new AppError("INVITE_INVALID", "This invitation link is invalid, used or expired");

async function findOpenInvite(token: string) {
  const user = await getDb().user.findUnique({
    where: { inviteTokenHash: hashToken(token) },
    select: {
      id: true,
      tenantId: true,
      email: true,
      name: true,
      status: true,
      inviteExpiresAt: true,
      tenant: { select: { name: true } },
    },
  });
  if (
    !user ||
    user.status !== "INVITED" ||
    !user.inviteExpiresAt ||
    user.inviteExpiresAt < new Date()
  ) {
    throw invalid();
  }
  return user;
}

export async function getInvite(token: string) {
  const user = await findOpenInvite(token);
  return { email: user.email, name: user.name, tenantName: user.tenant.name };
}

// The database refuses an account for an address that has one in another company (sign-in is
// by email alone); that invitation is as dead as an expired one, whoever holds its link.
const isTakenElsewhere = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

export async function acceptInvite(input: AcceptInviteInput, ip?: string | null) {
  const user = await findOpenInvite(input.token);
  const passwordHash = await hashPassword(input.password);
  await getDb()
    .$transaction(async (tx) => {
      // The status condition makes a double submit of the same link fail instead of resetting the password.
      const { count } = await tx.user.updateMany({
        where: { id: user.id, status: "INVITED", inviteTokenHash: hashToken(input.token) },
        data: {
          name: input.name,
          passwordHash,
          status: "ACTIVE",
          inviteTokenHash: null,
          inviteExpiresAt: null,
        },
      });
      if (count !== 1) throw invalid();
      await writeAudit(tx, {
        tenantId: user.tenantId,
        actorUserId: user.id,
        action: "user.invite.accept",
        targetType: "user",
        targetId: user.id,
        ip,
      });
    })
    .catch((error: unknown) => {
      throw isTakenElsewhere(error) ? invalid() : error;
    });
  return { email: user.email };
}
