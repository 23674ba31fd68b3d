import { writeAudit } from "@/server/audit/audit";
import { getDb, type Prisma } from "@/server/db";

type Candidate = { status: "INVITED" | "ACTIVE" | "DISABLED"; inviteExpiresAt: Date | null };
const candidate = { id: true, tenantId: true, status: true, inviteExpiresAt: true } as const;

// An invited user's only way in is their invitation: once it has expired, the IdP is no way
// around it (an admin sends a new one).
function mayEnter(user: Candidate, now: Date): boolean {
  if (user.status === "DISABLED") return false;
  if (user.status === "ACTIVE") return true;
  return user.inviteExpiresAt !== null && user.inviteExpiresAt > now;
}

/**
 * Single sign-on never creates accounts: the IdP's verified email must match a user an admin
 * created. An invited user whose invitation is still open becomes active on the first sign-in.
 */
export async function linkSsoAccount(input: {
  provider: string;
  providerAccountId: string;
  email: string | null | undefined;
  emailVerified: boolean;
}): Promise<{ userId: string } | null> {
  const db = getDb();
  const now = new Date();
  const linked = await db.authAccount.findUnique({
    where: {
      provider_providerAccountId: {
        provider: input.provider,
        providerAccountId: input.providerAccountId,
      },
    },
    select: { user: { select: candidate } },
  });
  if (linked) {
    if (!mayEnter(linked.user, now)) return null;
    return db.$transaction((tx) => activate(tx, linked.user.id, now));
  }
  if (!input.email || !input.emailVerified) return null;
  const user = await findByEmail(input.email.trim().toLowerCase(), now);
  if (!user || !mayEnter(user, now)) return null;
  return db.$transaction(async (tx) => {
    const entered = await activate(tx, user.id, now);
    if (!entered) return null;
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
    return entered;
  });
}

/**
 * The account of an address (one at most), else its one open invitation. Several companies may
 * have invited the same address: then the IdP cannot tell which is meant, and the invitation
 * link decides instead.
 */
async function findByEmail(email: string, now: Date) {
  const db = getDb();
  const account = await db.user.findFirst({
    where: { email, status: { not: "INVITED" } },
    select: candidate,
  });
  if (account) return account;
  const invited = await db.user.findMany({
    where: { email, status: "INVITED", inviteExpiresAt: { gt: now } },
    select: candidate,
    take: 2,
  });
  return invited.length === 1 ? invited[0] : null;
}

/** Re-checked in the update itself: an invitation that expired (or a user disabled) meanwhile wins. */
async function activate(
  tx: Prisma.TransactionClient,
  userId: string,
  now: Date,
): Promise<{ userId: string } | null> {
  await tx.user.updateMany({
    where: { id: userId, status: "INVITED", inviteExpiresAt: { gt: now } },
    data: { status: "ACTIVE", inviteTokenHash: null, inviteExpiresAt: null },
  });
  const { count } = await tx.user.updateMany({
    where: { id: userId, status: "ACTIVE" },
    data: { lastLoginAt: now },
  });
  return count === 1 ? { userId } : null;
}
