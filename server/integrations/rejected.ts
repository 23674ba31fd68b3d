import { getDb } from "@/server/db";

const EXCERPT_CHARS = 400;

/** What the PBX sent that Pult could not accept, newest first, for admins to diagnose. */
export async function listRejectedNotifications(tenantId: string, limit = 50) {
  const rows = await getDb().rejectedNotification.findMany({
    where: { tenantId },
    orderBy: { receivedAt: "desc" },
    take: limit,
    select: { id: true, receivedAt: true, reason: true, rawBody: true },
  });
  return rows.map(({ rawBody, ...row }) => ({
    ...row,
    excerpt: rawBody.length > EXCERPT_CHARS ? `${rawBody.slice(0, EXCERPT_CHARS)}…` : rawBody,
  }));
}
