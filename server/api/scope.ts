/** The acting user and where the request came from, for domain functions and the audit log. */
export function actorScope(ctx: { user: { tenantId: string; id: string }; ip: string | null }) {
  return { tenantId: ctx.user.tenantId, actorId: ctx.user.id, ip: ctx.ip };
}
