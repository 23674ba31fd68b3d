import type { Role } from "../../lib/schemas/users";

/** Who is acting on clients: the signed-in user (or a job, with actorId null). */
export type ClientActor = {
  tenantId: string;
  actorId: string | null;
  role: Role;
  ip: string | null;
};

export function actorFromUser(
  user: { tenantId: string; id: string; role: Role },
  ip: string | null,
): ClientActor {
  return { tenantId: user.tenantId, actorId: user.id, role: user.role, ip };
}

// Admins and supervisors manage every client and assignment; managers read all clients of the
// tenant, create clients and edit the cards of their own clients.
export function canManageAllClients(role: Role): boolean {
  return role === "ADMIN" || role === "SUPERVISOR";
}

export function canEditClient(
  actor: Pick<ClientActor, "role" | "actorId">,
  personalManagerId: string | null,
): boolean {
  return (
    canManageAllClients(actor.role) ||
    (actor.actorId !== null && personalManagerId === actor.actorId)
  );
}
