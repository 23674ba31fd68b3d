import type { Role } from "@/lib/schemas/users";

/**
 * Who is acting, built once at the edge: by the tRPC middleware, by /api/v1's wrapper (an API key,
 * which acts with the company's full rights) and by the session wrapper of the other route
 * handlers. Jobs act as the system. Domain functions take it and trust it.
 */
export type Actor = {
  tenantId: string;
  role: Role;
  /** The signed-in user; null for an API key or a background job. */
  userId: string | null;
  /** The API key the request authenticated with; null otherwise. */
  apiKeyId: string | null;
  /** Where the request came from, for the audit log. */
  ip: string | null;
};

export function userActor(
  user: { id: string; tenantId: string; role: Role },
  ip: string | null,
): Actor {
  return { tenantId: user.tenantId, role: user.role, userId: user.id, apiKeyId: null, ip };
}

export function apiKeyActor(key: { tenantId: string; apiKeyId: string }, ip: string | null): Actor {
  return { tenantId: key.tenantId, role: "ADMIN", userId: null, apiKeyId: key.apiKeyId, ip };
}

/** Jobs and imports run by the system: full rights inside one company, no person to audit. */
export function systemActor(tenantId: string): Actor {
  return { tenantId, role: "ADMIN", userId: null, apiKeyId: null, ip: null };
}
