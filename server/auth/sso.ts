import { writeAudit } from "../audit/audit";
import { getDb } from "../db";

/**
 * Single sign-on never creates accounts: the IdP's verified email must match a user an admin
 * created. An invited user who signs in through SSO becomes active.
 */
export async function linkSsoAccount(input: {
  provider: string;
  providerAccountId: string;
  email: string | null | undefined;
  emailVerified: boolean;
}): Promise<{ userId: string } | null> {
  const db = getDb();
  const linked = await db.authAccount.findUnique({
    where: {
      provider_providerAccountId: {
        provider: input.provider,
        providerAccountId: input.providerAccountId,
      },
    },
    select: { user: { select: { id: true, status: true } } },
  });
  if (linked) return linked.user.status === "DISABLED" ? null : activate(linked.user.id);
  if (!input.email || !input.emailVerified) return null;
  const user = await db.user.findUnique({
    where: { email: input.email.trim().toLowerCase() },
    select: { id: true, tenantId: true, status: true },
  });
  if (!user || user.status === "DISABLED") return null;
  await db.$transaction(async (tx) => {
    await tx.authAccount.create({
      data: {
        tenantId: user.tenantId,
        userId: user.id,
        provider: input.provider,
        providerAccountId: input.providerAccountId,
      },
    });
    await writeAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "user.sso.link",
      targetType: "user",
      targetId: user.id,
      data: { provider: input.provider },
    });
  });
  return activate(user.id);
}

async function activate(userId: string): Promise<{ userId: string }> {
  await getDb().user.updateMany({
    where: { id: userId, status: "INVITED" },
    data: { status: "ACTIVE", inviteTokenHash: null, inviteExpiresAt: null },
  });
  await getDb().user.update({ where: { id: userId }, data: { lastLoginAt: new Date() } });
  return { userId };
}
