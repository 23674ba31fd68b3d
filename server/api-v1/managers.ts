import type { z } from "zod";
import { getManagerStatuses, type ManagerStatus } from "@/server/calls/managers";
import { getDb } from "@/server/db";
import type { managerStatusSchema, managersResponse } from "@/server/api-v1/schemas";

type ApiManagerStatus = z.infer<typeof managerStatusSchema>;

/** The live board's notion of a manager's state, in the API's words. */
export function apiManagerStatus(
  status: Pick<ManagerStatus, "presence" | "activity">,
): ApiManagerStatus {
  // A call in progress wins over presence: someone on "break" may still finish a call.
  if (status.activity === "talking") return "on_call";
  if (status.activity === "ringing") return "ringing";
  if (status.presence === "BREAK") return "break";
  if (status.presence === "OFFLINE") return "offline";
  return "available";
}

export async function listApiManagers(tenantId: string): Promise<z.input<typeof managersResponse>> {
  const statuses = await getManagerStatuses(tenantId);
  const people = await getDb().user.findMany({
    where: { tenantId, id: { in: statuses.map((s) => s.id) } },
    select: { id: true, email: true, workplace: { select: { externalId: true } } },
  });
  const byId = new Map(people.map((p) => [p.id, p]));
  return {
    managers: statuses.flatMap((status) => {
      const person = byId.get(status.id);
      if (!person) return [];
      return [
        {
          email: person.email,
          name: status.name,
          workplaceId: person.workplace?.externalId ?? null,
          status: apiManagerStatus(status),
        },
      ];
    }),
  };
}
