import { getDb } from "@/server/db";
import { closeUserSockets } from "@/server/realtime/io";

/**
 * Signing out ends the user's sessions, not just this browser's cookie: the session token is a
 * signed JWT that stays valid until it expires, so a copy of it (another tab or device, a stolen
 * cookie) is only refused once the user's sessionVersion moves past the one it carries. Open
 * sockets close too. Every device of the user signs out; that is the price of stateless tokens.
 */
export async function endUserSessions(userId: string): Promise<void> {
  await getDb().user.updateMany({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 } },
  });
  closeUserSockets(userId, { sessionEnded: true });
}
